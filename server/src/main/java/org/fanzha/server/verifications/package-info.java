/**
 * Re-verification of abnormal cards and accounts (反电信网络诈骗法 第11条, 第18条): a number or account the
 * engine holds as a fraud number or mule is asked to verify its holder by a deadline; no answer
 * restricts it, a second deadline (or a failed verification) suspends it, a verification restores
 * it. The decide path applies the restriction; every step is audited.
 */
@NullMarked
package org.fanzha.server.verifications;

import org.jspecify.annotations.NullMarked;

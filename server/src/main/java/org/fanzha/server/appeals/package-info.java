/**
 * Appeals against listings and restrictions (反电信网络诈骗法 第32条): sent from the public portal with
 * evidence files, followed with a token, decided by a reviewer; upheld lifts the measure at once.
 */
@NullMarked
package org.fanzha.server.appeals;

import org.jspecify.annotations.NullMarked;

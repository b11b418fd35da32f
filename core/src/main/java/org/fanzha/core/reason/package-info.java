/** Bilingual reason codes carried by every decision. */
@NullMarked
package org.fanzha.core.reason;

import org.jspecify.annotations.NullMarked;

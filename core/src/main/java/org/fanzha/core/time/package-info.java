/** Event time parsing and formatting. */
@NullMarked
package org.fanzha.core.time;

import org.jspecify.annotations.NullMarked;

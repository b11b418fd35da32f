/** The NDJSON codec of EVENTS.md: strict validation with precise rejections, and writing. */
@NullMarked
package org.fanzha.core.codec;

import org.jspecify.annotations.NullMarked;

/** Exact money in fen and its yuan wire form. */
@NullMarked
package org.fanzha.core.money;

import org.jspecify.annotations.NullMarked;

/** The keyed re-cut's Flink side (decision 0023): the engine's stages as keyed operators. */
@NullMarked
package org.fanzha.flink.keyed;

import org.jspecify.annotations.NullMarked;

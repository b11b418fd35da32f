/** Benchmarks of the engine's risk lists at a province's size. */
@NullMarked
package org.fanzha.bench.lists;

import org.jspecify.annotations.NullMarked;

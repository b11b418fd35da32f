/** Benchmarks of the detection engine: per-event scoring (JMH), state size, end-to-end replay. */
@NullMarked
package org.fanzha.bench.engine;

import org.jspecify.annotations.NullMarked;

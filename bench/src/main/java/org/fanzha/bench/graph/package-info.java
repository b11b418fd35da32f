/** Benchmarks and evaluation of fund tracing (the graph module). */
@NullMarked
package org.fanzha.bench.graph;

import org.jspecify.annotations.NullMarked;

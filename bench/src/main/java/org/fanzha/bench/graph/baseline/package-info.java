/** Baselines the fund tracer is measured against (PostgreSQL {@code WITH RECURSIVE}). */
@NullMarked
package org.fanzha.bench.graph.baseline;

import org.jspecify.annotations.NullMarked;

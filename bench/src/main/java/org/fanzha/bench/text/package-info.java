/** Evaluation and benchmarks of the content classifier ({@code text} module). */
@NullMarked
package org.fanzha.bench.text;

import org.jspecify.annotations.NullMarked;

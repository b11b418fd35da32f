/** Detection-quality evaluations of the engine on simulated worlds with known ground truth. */
@NullMarked
package org.fanzha.bench.eval;

import org.jspecify.annotations.NullMarked;

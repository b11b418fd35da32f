/** Scorecards that compare predicted entity sets with the simulator's (or any) ground truth. */
@NullMarked
package org.fanzha.sim.eval;

import org.jspecify.annotations.NullMarked;

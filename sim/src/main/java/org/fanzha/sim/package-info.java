/**
 * A deterministic synthetic city: people with phones and accounts living a daily rhythm of calls,
 * messages and payments, benign heavy callers, and the fraud industry around them (card dealers,
 * SIM farms, hook calls, victims, mule chains, cash-out, reports), with ground truth. Start at
 * {@link org.fanzha.sim.World#generate(SimConfig)} or {@link org.fanzha.sim.Simulator}.
 */
@NullMarked
package org.fanzha.sim;

import org.jspecify.annotations.NullMarked;

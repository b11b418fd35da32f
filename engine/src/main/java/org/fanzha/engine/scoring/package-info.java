/**
 * The engine's per-event work, cut by capability: one class per kind of event ({@link
 * org.fanzha.engine.scoring.ContactSteps calls and messages}, {@link
 * org.fanzha.engine.scoring.TransferSteps transfers}, {@link org.fanzha.engine.scoring.OpeningSteps
 * openings}, {@link org.fanzha.engine.scoring.HandsetSteps handset signals}, {@link
 * org.fanzha.engine.scoring.ReportSteps reports and labels}), rule {@link
 * org.fanzha.engine.scoring.Evaluation evaluation}, {@link org.fanzha.engine.scoring.Propagation
 * propagation} along links, the {@link org.fanzha.engine.scoring.ActionPolicy action policy} and
 * the event's {@link org.fanzha.engine.scoring.DecisionTally decision}. All state is in {@link
 * org.fanzha.engine.scoring.EngineState}; {@link org.fanzha.engine.Engine} wires the parts
 * together.
 */
@NullMarked
package org.fanzha.engine.scoring;

import org.jspecify.annotations.NullMarked;

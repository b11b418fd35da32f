package org.fanzha.server.runner;

import java.util.Map;
import org.fanzha.engine.Level;

/**
 * Counters of the runner since it started (recovery included, so a restarted server shows the same
 * totals as before it stopped, up to what the journal holds).
 *
 * @param processed events the engine processed
 * @param duplicates events refused as already journaled
 * @param decisionsByLevel decisions with a score above zero, by level
 * @param warnings early warnings raised
 * @param engineErrors events on which the engine failed (journaled, skipped, logged)
 * @param lastSeq the last journal sequence number processed
 * @param recoveredFromSeq the snapshot's covered sequence number at start, 0 if none
 * @param replayedAtStart journal events replayed after the snapshot at start
 * @param queued submissions waiting now
 * @param batches live batches handled (each one journal commit)
 * @param journalNanos time spent journaling live batches (append and commit)
 * @param engineNanos time spent processing live batches in the engine
 */
public record RunnerStats(
    long processed,
    long duplicates,
    Map<Level, Long> decisionsByLevel,
    long warnings,
    long engineErrors,
    long lastSeq,
    long recoveredFromSeq,
    long replayedAtStart,
    int queued,
    long batches,
    long journalNanos,
    long engineNanos) {}

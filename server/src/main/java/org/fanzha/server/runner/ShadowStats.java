package org.fanzha.server.runner;

import java.util.Map;

/**
 * What a shadow run did on live traffic since it started.
 *
 * @param hits per rule code of the shadow version, how often it fired
 * @param raised decisions the shadow gave a higher level than live did (none counts as lowest)
 * @param lowered decisions it gave a lower level
 * @param levelChanges [live][shadow] counts, index 0 = no decision, then low, medium, high,
 *     critical
 * @param liveHits per rule code of the live version, how often it fired over the same events
 */
public record ShadowStats(
    long version,
    long startedAtMillis,
    long events,
    long failures,
    Map<String, Long> hits,
    long raised,
    long lowered,
    long[][] levelChanges,
    Map<String, Long> liveHits) {}

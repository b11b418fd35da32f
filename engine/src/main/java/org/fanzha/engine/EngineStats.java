package org.fanzha.engine;

import java.util.Map;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.EventType;

/**
 * Counters of an engine since it started (or since the snapshot it was restored from).
 *
 * @param eventsByType events processed, by type
 * @param decisionsByLevel decisions with a score above zero, by level
 * @param entitiesTracked entities held, by kind
 * @param approxStateBytes an estimate of the heap the state uses (features, ids, filters, lists)
 * @param featureBytesPerEntity bytes of feature and risk state per entity, by kind (identifier
 *     tables excluded; add about 70 bytes for a phone's or account's identifier)
 * @param openEpisodes victim episodes being followed
 * @param forgottenIdle entities forgotten for being idle with nothing held ({@code
 *     state.idle_days}, decision 0027)
 */
public record EngineStats(
    Map<EventType, Long> eventsByType,
    Map<Level, Long> decisionsByLevel,
    Map<EntityKind, Integer> entitiesTracked,
    long approxStateBytes,
    Map<EntityKind, Integer> featureBytesPerEntity,
    int openEpisodes,
    long forgottenIdle) {

  public EngineStats {
    eventsByType = Map.copyOf(eventsByType);
    decisionsByLevel = Map.copyOf(decisionsByLevel);
    entitiesTracked = Map.copyOf(entitiesTracked);
    featureBytesPerEntity = Map.copyOf(featureBytesPerEntity);
  }

  /** Returns all events processed. */
  public long events() {
    return eventsByType.values().stream().mapToLong(Long::longValue).sum();
  }
}

package org.fanzha.engine;

import java.util.List;
import org.fanzha.core.event.FraudType;
import org.jspecify.annotations.Nullable;

/**
 * An early warning (预警) about a person who is likely being defrauded now.
 *
 * @param id unique, stable for the same input
 * @param ts when it was raised (event time, epoch ms)
 * @param severity the same bands as a decision's level
 * @param evidence the ids of the events that support it, oldest first
 */
public record Warning(
    String id,
    long ts,
    @Nullable String victimPhone,
    @Nullable String victimAccount,
    Level severity,
    @Nullable FraudType fraudType,
    List<String> evidence) {

  public Warning {
    evidence = List.copyOf(evidence);
  }
}

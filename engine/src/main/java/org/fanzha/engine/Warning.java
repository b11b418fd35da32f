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
 * @param fraudType what the evidence points to; {@link FraudType#OTHER} when nothing points
 *     anywhere
 * @param evidence the ids of the events that support it, oldest first
 * @param episode the id of the person's fraud episode: a warning that raises the severity of an
 *     earlier one in the same episode has the same episode (one case to work, not two)
 * @param contact the suspected fraud number that reached the person, if known
 */
public record Warning(
    String id,
    long ts,
    @Nullable String victimPhone,
    @Nullable String victimAccount,
    Level severity,
    FraudType fraudType,
    List<String> evidence,
    String episode,
    @Nullable String contact) {

  public Warning {
    evidence = List.copyOf(evidence);
  }
}

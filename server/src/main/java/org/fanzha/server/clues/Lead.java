package org.fanzha.server.clues;

import java.util.List;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.ListKind;
import org.jspecify.annotations.Nullable;

/**
 * Something found that an institution should act on, before it is routed: one clue per receiver is
 * made of it.
 *
 * @param key the source's name for it, so that finding it again sends nothing again ({@code
 *     detection:phone:+86…})
 * @param source {@code detection}, {@code warning} or {@code manual}
 * @param sourceRef the warning task, rule code or analyst it came from, if any
 * @param value the target, normalised as events carry it
 * @param severity {@code high}, {@code medium} or {@code low}
 * @param region the GB/T 2260 region it belongs to, if known
 * @param evidence event ids and rule codes behind it
 */
public record Lead(
    String key,
    String source,
    @Nullable String sourceRef,
    ListKind target,
    String value,
    FraudType fraudType,
    String severity,
    @Nullable String region,
    String summary,
    List<String> evidence) {

  public Lead {
    evidence = List.copyOf(evidence);
  }
}

package org.fanzha.core.event;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A report from the public or an institution (举报/报案); {@code lossFen} is 0 when not given. */
public record ReportEvent(
    String id,
    long ts,
    @Nullable String source,
    List<ReportTarget> targets,
    @Nullable String reporter,
    @Nullable String region,
    @Nullable FraudType fraudType,
    @Nullable String text,
    long lossFen,
    List<String> transferIds)
    implements Event {

  public ReportEvent {
    targets = List.copyOf(targets);
    transferIds = List.copyOf(transferIds);
  }

  @Override
  public EventType type() {
    return EventType.REPORT;
  }
}

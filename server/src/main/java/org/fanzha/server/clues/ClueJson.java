package org.fanzha.server.clues;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fanzha.core.time.Timestamps;
import org.fanzha.store.Clue;
import org.fanzha.store.Institution;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A clue as the API answers it and as a push carries it (snake_case, times as EVENTS.md writes
 * them).
 */
final class ClueJson {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ClueJson() {}

  /** What a receiver is told: the lead, its due times and where to answer. */
  static Map<String, Object> lead(Clue c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("institution", c.institutionId());
    m.put("source", c.source());
    m.put("severity", c.severity());
    m.put("fraud_type", c.fraudType());
    m.put("target", Map.of("kind", c.targetKind(), "value", c.targetValue()));
    m.put("region", c.region());
    m.put("summary", c.summary());
    m.put("evidence", c.evidence());
    m.put("created_at", Timestamps.format(c.createdAtMs()));
    m.put("ack_due", Timestamps.format(c.ackDueMs()));
    m.put("feedback_due", Timestamps.format(c.feedbackDueMs()));
    m.put(
        "links",
        Map.of(
            "ack",
            "/api/v1/clues/" + c.id() + "/ack",
            "feedback",
            "/api/v1/clues/" + c.id() + "/feedback"));
    return m;
  }

  /**
   * The body of a push: the lead and when it was sent (a receiver refuses an old push replayed).
   */
  static byte[] push(Clue c, long sentAtMs) {
    Map<String, Object> m = lead(c);
    m.put("sent_at", Timestamps.format(sentAtMs));
    return JSON.writeValueAsBytes(m);
  }

  /** The lead with where it stands: delivery, acknowledgement, answer, lateness and escalation. */
  static Map<String, Object> describe(Clue c, @Nullable Institution to, long now) {
    Map<String, Object> m = lead(c);
    if (to != null) {
      m.put("institution_name", to.name());
    }
    m.put("source_ref", c.sourceRef());
    m.put("status", c.status());
    m.put("overdue", c.overdue(now));
    m.put("unit", c.unit());
    m.put("escalation", c.escalation());
    m.put("attempts", c.attempts());
    m.put("last_error", c.lastError());
    m.put("delivered_at", time(c.deliveredAtMs()));
    m.put("acked_at", time(c.ackedAtMs()));
    m.put("acked_by", c.ackedBy());
    if (c.feedbackCode() != null) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("result", c.feedbackCode());
      f.put("note", c.feedbackNote());
      f.put("at", time(c.feedbackAtMs()));
      f.put("by", c.feedbackBy());
      m.put("feedback", f);
    }
    return m;
  }

  private static @Nullable String time(@Nullable Long ms) {
    return ms == null ? null : Timestamps.format(ms);
  }
}

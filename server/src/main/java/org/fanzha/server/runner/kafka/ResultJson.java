package org.fanzha.server.runner.kafka;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.Role;
import org.fanzha.core.reason.Reason;
import org.fanzha.core.time.Timestamps;
import org.fanzha.engine.Action;
import org.fanzha.engine.Decision;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.Level;
import org.fanzha.engine.Warning;
import org.fanzha.engine.subscriber.Band;
import org.fanzha.engine.subscriber.Limits;
import org.fanzha.engine.subscriber.ScoreLine;
import org.fanzha.engine.subscriber.SubscriberScore;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the job's results back from the JSON of EVENTS.md (the inverse of the engine's {@code
 * OutputJson}), and its subscriber scores (of {@code SubscriberJson}).
 */
final class ResultJson {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private ResultJson() {}

  static JsonNode tree(byte[] json) {
    return JSON.readTree(json);
  }

  /** A line of {@code decisions.ndjson}. */
  static Decision decision(JsonNode n) {
    return new Decision(
        text(n, "event_id"),
        kind(n),
        text(n, "entity"),
        n.path("score").asInt(),
        level(text(n, "level")),
        Action.valueOf(upper(text(n, "action"))),
        reasons(n));
  }

  /** A line of {@code entities.ndjson}. */
  static EntityRisk entity(JsonNode n) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (JsonNode r : n.path("roles")) {
      Role role = Role.fromWire(r.asString());
      if (role != null) {
        roles.add(role);
      }
    }
    return new EntityRisk(
        kind(n),
        text(n, "entity"),
        n.path("score").asInt(),
        level(text(n, "level")),
        roles,
        reasons(n));
  }

  /** A line of {@code warnings.ndjson}. */
  static Warning warning(JsonNode n) {
    List<String> evidence = new ArrayList<>();
    n.path("evidence").forEach(e -> evidence.add(e.asString()));
    return new Warning(
        text(n, "id"),
        Timestamps.parseIso(text(n, "ts")),
        optional(n, "victim_phone"),
        optional(n, "victim_account"),
        level(text(n, "severity")),
        fraudType(optional(n, "fraud_type")),
        evidence,
        text(n, "episode"),
        optional(n, "contact"));
  }

  /** The {@code subscriber} object of a query's answer: the fields of the score's API answer. */
  static SubscriberScore subscriber(JsonNode n) {
    List<ScoreLine> lines = new ArrayList<>();
    for (JsonNode r : n.path("reasons")) {
      lines.add(
          new ScoreLine(
              new Reason(text(r, "code"), text(r, "text_zh"), text(r, "text_en")),
              r.path("points").asInt()));
    }
    JsonNode limits = n.path("limits");
    JsonNode usage = n.path("usage");
    return new SubscriberScore(
        text(n, "phone"),
        n.path("score").asInt(),
        Band.valueOf(text(n, "band")),
        lines,
        new Limits(
            cap(limits.path("calls_per_day")),
            cap(limits.path("sms_per_day")),
            limits.path("international").asBoolean()),
        usage.path("calls_last_24h").asInt(),
        usage.path("sms_last_24h").asInt(),
        Timestamps.parseIso(text(n, "as_of")));
  }

  private static int cap(JsonNode n) {
    return n.isNumber() ? n.asInt() : Limits.NONE;
  }

  private static FraudType fraudType(@org.jspecify.annotations.Nullable String wire) {
    FraudType t = FraudType.fromWire(wire);
    return t == null ? FraudType.OTHER : t;
  }

  private static List<Reason> reasons(JsonNode n) {
    List<Reason> out = new ArrayList<>();
    for (JsonNode r : n.path("reasons")) {
      out.add(new Reason(text(r, "code"), text(r, "text_zh"), text(r, "text_en")));
    }
    return out;
  }

  private static EntityKind kind(JsonNode n) {
    EntityKind k = EntityKind.fromWire(text(n, "entity_kind"));
    if (k == null) {
      throw new IllegalArgumentException("unknown entity_kind " + text(n, "entity_kind"));
    }
    return k;
  }

  private static Level level(String wire) {
    return Level.valueOf(upper(wire));
  }

  private static String upper(String wire) {
    return wire.toUpperCase(Locale.ROOT);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isString()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return v.asString();
  }

  private static @org.jspecify.annotations.Nullable String optional(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }
}

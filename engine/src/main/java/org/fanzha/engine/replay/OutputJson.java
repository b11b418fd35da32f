package org.fanzha.engine.replay;

import java.util.List;
import org.fanzha.core.event.Role;
import org.fanzha.core.reason.Reason;
import org.fanzha.core.time.Timestamps;
import org.fanzha.engine.Decision;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.Warning;
import tools.jackson.core.JsonGenerator;

/**
 * Writes the engine's results as the JSON objects of EVENTS.md ({@code decisions.ndjson}, {@code
 * entities.ndjson}, {@code warnings.ndjson}); the server's REST layer uses the same writers so a
 * decision looks the same everywhere. Each method writes one complete object.
 */
public final class OutputJson {

  private OutputJson() {}

  /** Writes {@code event_id, entity_kind, entity, score, level, action, reasons}. */
  public static void write(Decision d, JsonGenerator g) {
    g.writeStartObject();
    fields(d, g);
    g.writeEndObject();
  }

  /**
   * Writes the fields of {@link #write(Decision, JsonGenerator)} into the object {@code g} is in
   * (an answer adds its own).
   */
  public static void fields(Decision d, JsonGenerator g) {
    g.writeStringProperty("event_id", d.eventId());
    g.writeStringProperty("entity_kind", d.entityKind().wireName());
    g.writeStringProperty("entity", d.entity());
    g.writeNumberProperty("score", d.score());
    g.writeStringProperty("level", d.level().wireName());
    g.writeStringProperty("action", d.action().wireName());
    writeReasons(d.reasons(), g);
  }

  /** Writes {@code entity_kind, entity, score, level, roles, reasons}; roles sorted by name. */
  public static void write(EntityRisk r, JsonGenerator g) {
    g.writeStartObject();
    g.writeStringProperty("entity_kind", r.entityKind().wireName());
    g.writeStringProperty("entity", r.entity());
    g.writeNumberProperty("score", r.score());
    g.writeStringProperty("level", r.level().wireName());
    g.writeArrayPropertyStart("roles");
    for (Role role : Role.values()) {
      if (r.roles().contains(role)) {
        g.writeString(role.wireName());
      }
    }
    g.writeEndArray();
    writeReasons(r.reasons(), g);
    g.writeEndObject();
  }

  /**
   * Writes {@code id, ts} (ISO-8601, +08:00), {@code victim_phone, victim_account} (null when
   * unknown), {@code severity, fraud_type} (wire name; {@code other} when nothing points anywhere),
   * {@code evidence}, {@code episode} (shared by the warnings of one person's episode) and {@code
   * contact} (the suspected fraud number, or null).
   */
  public static void write(Warning w, JsonGenerator g) {
    g.writeStartObject();
    g.writeStringProperty("id", w.id());
    g.writeStringProperty("ts", Timestamps.format(w.ts()));
    g.writeStringProperty("victim_phone", w.victimPhone());
    g.writeStringProperty("victim_account", w.victimAccount());
    g.writeStringProperty("severity", w.severity().wireName());
    g.writeStringProperty("fraud_type", w.fraudType().wireName());
    g.writeArrayPropertyStart("evidence");
    for (String id : w.evidence()) {
      g.writeString(id);
    }
    g.writeEndArray();
    g.writeStringProperty("episode", w.episode());
    g.writeStringProperty("contact", w.contact());
    g.writeEndObject();
  }

  /** Writes {@code "reasons": [{"code","text_zh","text_en"} …]}. */
  public static void writeReasons(List<Reason> reasons, JsonGenerator g) {
    g.writeArrayPropertyStart("reasons");
    for (Reason r : reasons) {
      g.writeStartObject();
      g.writeStringProperty("code", r.code());
      g.writeStringProperty("text_zh", r.textZh());
      g.writeStringProperty("text_en", r.textEn());
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}

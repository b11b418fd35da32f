package org.fanzha.server.lists;

import org.fanzha.core.time.Timestamps;
import org.fanzha.store.ListEntry;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/** A list entry as the API writes it (snake_case, times as ISO-8601 with offset). */
final class ListJson {

  private ListJson() {}

  static void write(ListEntry e, long now, JsonGenerator g) {
    g.writeStartObject();
    g.writeStringProperty("id", e.id());
    g.writeStringProperty("list", e.list().wireName());
    g.writeStringProperty("kind", e.kind().wireName());
    g.writeStringProperty("value", e.value());
    g.writeStringProperty("role", e.role() == null ? null : e.role().wireName());
    g.writeStringProperty("fraud_type", e.fraudType() == null ? null : e.fraudType().wireName());
    g.writeStringProperty("reason", e.reason());
    g.writeStringProperty("source", e.source());
    g.writeStringProperty("evidence", e.evidence());
    g.writeStringProperty("legal_basis", e.legalBasis());
    g.writeStringProperty("measures", e.measures());
    g.writeStringProperty("author", e.author());
    g.writeStringProperty("created_at", Timestamps.format(e.createdAtMs()));
    g.writeStringProperty("expires_at", time(e.expiresAtMs()));
    g.writeBooleanProperty("in_force", e.inForce(now));
    g.writeStringProperty("lifted_at", time(e.liftedAtMs()));
    g.writeStringProperty("lifted_by", e.liftedBy());
    g.writeStringProperty("lift_reason", e.liftReason());
    g.writeEndObject();
  }

  private static @Nullable String time(@Nullable Long ms) {
    return ms == null ? null : Timestamps.format(ms);
  }
}

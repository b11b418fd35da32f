package org.fanzha.server.rules;

import java.util.List;
import java.util.Objects;
import org.fanzha.core.time.Timestamps;
import org.fanzha.engine.rules.Rule;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.file.RuleSpec;
import org.fanzha.server.runner.ShadowStats;
import org.fanzha.store.RuleVersion;
import tools.jackson.core.JsonGenerator;

/** The JSON shapes of the rules API: versions, rules, shadow statistics. */
final class RuleJson {

  private static final String[] LEVELS = {"none", "low", "medium", "high", "critical"};

  private RuleJson() {}

  static void version(JsonGenerator g, RuleVersion v) {
    g.writeStartObject();
    g.writeNumberProperty("version", v.version());
    g.writeStringProperty("state", v.state());
    g.writeStringProperty("author", v.author());
    g.writeStringProperty("created_at", Timestamps.format(v.createdAtMillis()));
    if (v.publishedBy() != null) {
      g.writeStringProperty("published_by", v.publishedBy());
      g.writeStringProperty(
          "published_at", Timestamps.format(Objects.requireNonNull(v.publishedAtMillis())));
    }
    if (v.note() != null) {
      g.writeStringProperty("note", v.note());
    }
    g.writeEndObject();
  }

  static void rules(JsonGenerator g, RuleBook book) {
    g.writeArrayPropertyStart("rules");
    for (RuleSpec.Kind k : RuleSpec.Kind.values()) {
      for (Rule r : book.rules(k).rules()) {
        g.writeStartObject();
        g.writeStringProperty("code", r.code());
        g.writeStringProperty("applies_to", k.wireName());
        if (r.role() != null) {
          g.writeStringProperty("role", r.role().wireName());
        }
        g.writeNumberProperty("weight", r.weight());
        g.writeStringProperty("when", r.when());
        g.writeName("reason");
        g.writeStartObject();
        g.writeStringProperty("zh", r.reason().textZh());
        g.writeStringProperty("en", r.reason().textEn());
        g.writeEndObject();
        g.writeEndObject();
      }
    }
    g.writeEndArray();
  }

  static void shadow(JsonGenerator g, ShadowStats s, RuleBook book, double maxHitShare) {
    g.writeStartObject();
    g.writeNumberProperty("version", s.version());
    g.writeStringProperty("since", Timestamps.format(s.startedAtMillis()));
    g.writeNumberProperty("events", s.events());
    g.writeNumberProperty("raised", s.raised());
    g.writeNumberProperty("lowered", s.lowered());
    g.writeArrayPropertyStart("rules");
    for (RuleSpec.Kind k : RuleSpec.Kind.values()) {
      for (Rule r : book.rules(k).rules()) {
        long hits = s.hits().getOrDefault(r.code(), 0L);
        double share = s.events() == 0 ? 0 : (double) hits / s.events();
        g.writeStartObject();
        g.writeStringProperty("code", r.code());
        g.writeNumberProperty("hits", hits);
        g.writeNumberProperty("live_hits", s.liveHits().getOrDefault(r.code(), 0L));
        g.writeNumberProperty("hit_share", Math.round(share * 10_000) / 10_000.0);
        g.writeBooleanProperty(
            "too_frequent", r.weight() > 0 && s.events() > 0 && share > maxHitShare);
        g.writeEndObject();
      }
    }
    g.writeEndArray();
    g.writeName("level_changes"); // {live level: {shadow level: count}}, only non-zero cells
    g.writeStartObject();
    for (int a = 0; a < s.levelChanges().length; a++) {
      g.writeName(LEVELS[a]);
      g.writeStartObject();
      for (int b = 0; b < s.levelChanges()[a].length; b++) {
        if (s.levelChanges()[a][b] > 0) {
          g.writeNumberProperty(LEVELS[b], s.levelChanges()[a][b]);
        }
      }
      g.writeEndObject();
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  /** Returns the level names in matrix order (none first). */
  static List<String> levels() {
    return List.of(LEVELS);
  }
}

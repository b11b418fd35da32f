package org.fanzha.engine.replay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.codec.NdjsonLines;
import org.fanzha.core.codec.ParseResult;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.Role;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.Level;
import org.fanzha.engine.rules.Rule;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.file.RuleSpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Scores one recorded events file with a candidate rule book and with a baseline (the shipped rules
 * or the live version), side by side, and reports what the candidate would change: hits per rule,
 * entities flagged per level and role, precision and recall per role when the truth is known (a
 * label file, or the label events in the file), and the difference against the baseline. A positive
 * rule firing on more than {@code maxHitShare} of the events is flagged: it would swamp analysts.
 */
public final class Backtest {

  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final int LISTED = 20;

  private Backtest() {}

  /** The outcome, as written to {@code backtest.json}. */
  public record Report(
      long events,
      List<RuleReport> rules,
      Map<Level, Long> levels,
      Map<Role, RoleReport> roles,
      Diff diff,
      double maxHitShare) {}

  /**
   * One rule: how often it fired, for how many entities in the end, and how many of those the truth
   * confirms.
   */
  public record RuleReport(
      String code,
      RuleSpec.Kind appliesTo,
      int weight,
      long hits,
      long entities,
      double hitShare,
      @Nullable Double precision,
      boolean tooFrequent) {}

  /** One role: entities flagged with it (high or critical), and against the truth when given. */
  public record RoleReport(
      long flagged,
      @Nullable Long truePositives,
      @Nullable Long truthSize,
      @Nullable Double precision,
      @Nullable Double recall) {}

  /**
   * What changes against the baseline: entities raised to high or dropped below, rule codes added
   * or removed.
   */
  public record Diff(
      long raisedToHigh,
      long droppedFromHigh,
      List<String> raisedExamples,
      List<String> droppedExamples,
      List<String> rulesAdded,
      List<String> rulesRemoved) {}

  /**
   * Scores {@code events} with both books and returns the report.
   *
   * @param truth a label file (EVENTS.md label events), or null to use only the labels in the
   *     events file
   */
  public static Report run(
      Path events,
      EngineConfig config,
      RuleBook candidate,
      RuleBook baseline,
      @Nullable Path truth,
      double maxHitShare)
      throws IOException {
    Engine cand = new Engine(config.withRules(candidate));
    Engine base = new Engine(config.withRules(baseline));
    Map<String, Role> truthRoles = new HashMap<>();
    EventCodec codec = new EventCodec();
    long[] n = {0};
    try (InputStream in = Files.newInputStream(events)) {
      NdjsonLines.forEach(
          in,
          (buf, off, len, line) -> {
            if (codec.parse(buf, off, len, line) instanceof ParseResult.Accepted a) {
              Event e = a.event();
              n[0]++;
              cand.process(e);
              base.process(e);
              cand.drainWarnings();
              base.drainWarnings();
              if (e instanceof LabelEvent l) {
                truthRoles.put(key(l.entityKind(), l.entity()), l.role());
              }
            }
          });
    }
    if (truth != null) {
      try (InputStream in = Files.newInputStream(truth)) {
        NdjsonLines.forEach(
            in,
            (buf, off, len, line) -> {
              if (EventCodec.stored().parse(buf, off, len, line) instanceof ParseResult.Accepted a
                  && a.event() instanceof LabelEvent l) {
                truthRoles.put(key(l.entityKind(), l.entity()), l.role());
              }
            });
      }
    }
    boolean haveTruth = !truthRoles.isEmpty();

    Map<String, Long> hits = cand.ruleHits();
    Map<String, long[]> ruleEntities = new HashMap<>(); // code -> {entities, confirmed}
    Map<Level, Long> levels = new EnumMap<>(Level.class);
    Map<Role, long[]> roles = new EnumMap<>(Role.class); // flagged, true positives
    Map<String, Integer> candidateHigh = new HashMap<>();
    cand.forEachRisk(
        r -> {
          levels.merge(r.level(), 1L, Long::sum);
          String k = key(r.entityKind(), r.entity());
          Role truthRole = truthRoles.get(k);
          for (Reason reason : r.reasons()) {
            long[] c = ruleEntities.computeIfAbsent(reason.code(), x -> new long[2]);
            c[0]++;
            if (truthRole != null && truthRole != Role.NORMAL && r.roles().contains(truthRole)) {
              c[1]++;
            }
          }
          if (r.level().compareTo(Level.HIGH) >= 0) {
            candidateHigh.put(k, r.score());
            for (Role role : r.roles()) {
              long[] c = roles.computeIfAbsent(role, x -> new long[2]);
              c[0]++;
              if (role == truthRole) {
                c[1]++;
              }
            }
          }
        });
    List<RuleReport> rules = new ArrayList<>();
    for (RuleSpec.Kind kind : RuleSpec.Kind.scored()) {
      for (Rule rule : candidate.rules(kind).rules()) {
        long h = hits.getOrDefault(rule.code(), 0L);
        long[] c = ruleEntities.getOrDefault(rule.code(), new long[2]);
        double share = n[0] == 0 ? 0 : (double) h / n[0];
        Double precision = haveTruth && c[0] > 0 && rule.weight() > 0 ? (double) c[1] / c[0] : null;
        rules.add(
            new RuleReport(
                rule.code(),
                kind,
                rule.weight(),
                h,
                c[0],
                share,
                precision,
                rule.weight() > 0 && share > maxHitShare));
      }
    }
    Map<Role, RoleReport> roleReports = new EnumMap<>(Role.class);
    Map<Role, Long> truthSizes = new EnumMap<>(Role.class);
    truthRoles.values().forEach(r -> truthSizes.merge(r, 1L, Long::sum));
    for (Role role : Role.values()) {
      if (role == Role.NORMAL) {
        continue;
      }
      long[] c = roles.getOrDefault(role, new long[2]);
      if (!haveTruth) {
        roleReports.put(role, new RoleReport(c[0], null, null, null, null));
      } else {
        long size = truthSizes.getOrDefault(role, 0L);
        roleReports.put(
            role,
            new RoleReport(
                c[0],
                c[1],
                size,
                c[0] == 0 ? null : (double) c[1] / c[0],
                size == 0 ? null : (double) c[1] / size));
      }
    }
    return new Report(
        n[0],
        rules,
        levels,
        roleReports,
        diff(candidate, baseline, candidateHigh, base),
        maxHitShare);
  }

  private static Diff diff(
      RuleBook candidate, RuleBook baseline, Map<String, Integer> candidateHigh, Engine base) {
    Map<String, Integer> baseHigh = new HashMap<>();
    base.forEachRisk(
        r -> {
          if (r.level().compareTo(Level.HIGH) >= 0) {
            baseHigh.put(key(r.entityKind(), r.entity()), r.score());
          }
        });
    List<String> raised =
        new ArrayList<>(
            new TreeMap<>(candidateHigh)
                .keySet().stream().filter(k -> !baseHigh.containsKey(k)).toList());
    List<String> dropped =
        new ArrayList<>(
            new TreeMap<>(baseHigh)
                .keySet().stream().filter(k -> !candidateHigh.containsKey(k)).toList());
    Set<String> candCodes = codes(candidate);
    Set<String> baseCodes = codes(baseline);
    return new Diff(
        raised.size(),
        dropped.size(),
        raised.subList(0, Math.min(LISTED, raised.size())),
        dropped.subList(0, Math.min(LISTED, dropped.size())),
        candCodes.stream().filter(c -> !baseCodes.contains(c)).sorted().toList(),
        baseCodes.stream().filter(c -> !candCodes.contains(c)).sorted().toList());
  }

  private static Set<String> codes(RuleBook b) {
    Set<String> out = new java.util.TreeSet<>();
    for (RuleSpec.Kind k : RuleSpec.Kind.scored()) {
      b.rules(k).rules().forEach(r -> out.add(r.code()));
    }
    return out;
  }

  private static String key(EntityKind kind, String entity) {
    return kind.wireName() + ":" + entity;
  }

  /** Writes the report as {@code backtest.json} (API.md). */
  public static void write(Report r, OutputStream out) {
    try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeNumberProperty("events", r.events());
      g.writeNumberProperty("max_hit_share", r.maxHitShare());
      g.writeArrayPropertyStart("rules");
      for (RuleReport x : r.rules()) {
        g.writeStartObject();
        g.writeStringProperty("code", x.code());
        g.writeStringProperty("applies_to", x.appliesTo().wireName());
        g.writeNumberProperty("weight", x.weight());
        g.writeNumberProperty("hits", x.hits());
        g.writeNumberProperty("entities", x.entities());
        g.writeNumberProperty("hit_share", round(x.hitShare()));
        if (x.precision() != null) {
          g.writeNumberProperty("precision", round(x.precision()));
        }
        g.writeBooleanProperty("too_frequent", x.tooFrequent());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeName("levels");
      g.writeStartObject();
      for (Level l : Level.values()) {
        g.writeNumberProperty(l.wireName(), r.levels().getOrDefault(l, 0L));
      }
      g.writeEndObject();
      g.writeName("roles");
      g.writeStartObject();
      for (Map.Entry<Role, RoleReport> e : r.roles().entrySet()) {
        g.writeName(e.getKey().wireName());
        g.writeStartObject();
        RoleReport x = e.getValue();
        g.writeNumberProperty("flagged", x.flagged());
        if (x.truthSize() != null) {
          g.writeNumberProperty("true_positives", Objects.requireNonNull(x.truePositives()));
          g.writeNumberProperty("in_truth", x.truthSize());
          if (x.precision() != null) {
            g.writeNumberProperty("precision", round(x.precision()));
          }
          if (x.recall() != null) {
            g.writeNumberProperty("recall", round(x.recall()));
          }
        }
        g.writeEndObject();
      }
      g.writeEndObject();
      Diff d = r.diff();
      g.writeName("diff_vs_default");
      g.writeStartObject();
      g.writeNumberProperty("raised_to_high", d.raisedToHigh());
      g.writeNumberProperty("dropped_from_high", d.droppedFromHigh());
      strings(g, "raised_examples", d.raisedExamples());
      strings(g, "dropped_examples", d.droppedExamples());
      strings(g, "rules_added", d.rulesAdded());
      strings(g, "rules_removed", d.rulesRemoved());
      g.writeEndObject();
      g.writeEndObject();
    }
  }

  private static void strings(JsonGenerator g, String name, List<String> values) {
    g.writeArrayPropertyStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  /** Returns the rules flagged as too frequent, for a guard rail before publishing. */
  public static List<String> tooFrequent(Report r) {
    return r.rules().stream().filter(RuleReport::tooFrequent).map(RuleReport::code).toList();
  }

  /** Returns a short summary per rule (code → hits), in report order. */
  public static Map<String, Long> hitsByRule(Report r) {
    Map<String, Long> out = new LinkedHashMap<>();
    r.rules().forEach(x -> out.put(x.code(), x.hits()));
    return out;
  }
}

package org.fanzha.server.warnings;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fanzha.core.event.FraudType;
import org.fanzha.engine.Level;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * How warnings are worked, read from {@code warnings/playbook.yaml} or an operator's copy: the
 * channel ladder, the channel and time to act per severity, and per fraud type the 12381 SMS text
 * and the 96110 call script in Chinese and English.
 */
final class Playbook {
  static final List<String> CHANNELS = List.of("app_push", "sms_12381", "call_96110", "visit");

  /** Where a task of one severity starts and how long its unit has. */
  record Plan(String channel, Duration due) {}

  private final List<String> ladder;
  private final Map<Level, Plan> plans;
  private final Map<String, Map<String, String>> unknownContact;
  private final Map<FraudType, Map<String, Map<String, String>>> templates;

  private Playbook(
      List<String> ladder,
      Map<Level, Plan> plans,
      Map<String, Map<String, String>> unknownContact,
      Map<FraudType, Map<String, Map<String, String>>> templates) {
    this.ladder = ladder;
    this.plans = plans;
    this.unknownContact = unknownContact;
    this.templates = templates;
  }

  /**
   * Reads a playbook, checking all of it.
   *
   * @throws IllegalArgumentException naming the first thing missing or wrong
   */
  @SuppressWarnings("unchecked")
  static Playbook parse(String yaml) {
    Object root = new Load(LoadSettings.builder().build()).loadFromString(yaml);
    Map<String, Object> doc = map(root, "the playbook");
    List<String> ladder =
        ((List<Object>) list(doc.get("ladder"), "ladder")).stream().map(String::valueOf).toList();
    for (String c : ladder) {
      if (!CHANNELS.contains(c)) {
        throw new IllegalArgumentException(
            "ladder: unknown channel " + c + "; expected one of " + CHANNELS);
      }
    }
    Map<String, Object> sev = map(doc.get("severity"), "severity");
    Map<Level, Plan> plans = new LinkedHashMap<>();
    for (Level l : Level.values()) {
      Map<String, Object> p = map(sev.get(l.wireName()), "severity." + l.wireName());
      String channel = String.valueOf(p.get("channel"));
      if (!ladder.contains(channel)) {
        throw new IllegalArgumentException(
            "severity." + l.wireName() + ".channel: " + channel + " is not on the ladder");
      }
      Object minutes = p.get("due_minutes");
      if (!(minutes instanceof Number n) || n.longValue() <= 0) {
        throw new IllegalArgumentException(
            "severity." + l.wireName() + ".due_minutes: a positive number of minutes");
      }
      plans.put(l, new Plan(channel, Duration.ofMinutes(((Number) minutes).longValue())));
    }
    Map<String, Map<String, String>> unknown =
        Map.of("contact", texts(doc.get("unknown_contact"), "unknown_contact"));
    Map<String, Object> tpl = map(doc.get("templates"), "templates");
    Map<FraudType, Map<String, Map<String, String>>> templates = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : tpl.entrySet()) {
      FraudType type = FraudType.fromWire(e.getKey());
      if (type == null) {
        throw new IllegalArgumentException(
            "templates." + e.getKey() + ": not a fraud type (" + FraudType.allowed() + ")");
      }
      Map<String, Object> kinds = map(e.getValue(), "templates." + e.getKey());
      templates.put(
          type,
          Map.of(
              "sms",
              texts(kinds.get("sms"), "templates." + e.getKey() + ".sms"),
              "script",
              texts(kinds.get("script"), "templates." + e.getKey() + ".script")));
    }
    if (!templates.containsKey(FraudType.OTHER)) {
      throw new IllegalArgumentException(
          "templates.other: required (used when a type has no template of its own)");
    }
    return new Playbook(ladder, plans, unknown, templates);
  }

  /** The plan of a new task (or of one whose severity just rose). */
  Plan plan(Level severity) {
    return Objects.requireNonNull(
        plans.get(severity)); // the file gives every severity (checked when read)
  }

  /** The channel after {@code channel} on the ladder, if any. */
  Optional<String> next(String channel) {
    int i = ladder.indexOf(channel);
    return i >= 0 && i + 1 < ladder.size() ? Optional.of(ladder.get(i + 1)) : Optional.empty();
  }

  /** The higher of two channels on the ladder. */
  String stronger(String a, String b) {
    return ladder.indexOf(a) >= ladder.indexOf(b) ? a : b;
  }

  /** The 12381 SMS text for a type, in {@code lang} ({@code zh} or {@code en}). */
  String sms(FraudType type, String lang, String maskedContact, String unit) {
    return render(type, "sms", lang, maskedContact, unit);
  }

  /** The 96110 call script for a type, in {@code lang}. */
  String script(FraudType type, String lang, String maskedContact, String unit) {
    return render(type, "script", lang, maskedContact, unit);
  }

  private String render(
      FraudType type, String kind, String lang, String maskedContact, String unit) {
    String l = lang.toLowerCase(Locale.ROOT).startsWith("zh") ? "zh" : "en";
    // the file gives "other" and every kind and language of each type it names (checked when read)
    Map<String, Map<String, String>> t =
        Objects.requireNonNull(templates.getOrDefault(type, templates.get(FraudType.OTHER)));
    String contact =
        maskedContact.isEmpty()
            ? Objects.requireNonNull(unknownContact.get("contact")).get(l)
            : maskedContact;
    return Objects.requireNonNull(Objects.requireNonNull(t.get(kind)).get(l))
        .replace("{type}", l.equals("zh") ? type.nameZh() : type.nameEn())
        .replace("{contact}", contact)
        .replace("{unit}", unit);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(@Nullable Object o, String where) {
    if (!(o instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(where + ": expected a mapping");
    }
    return (Map<String, Object>) m;
  }

  private static List<?> list(@Nullable Object o, String where) {
    if (!(o instanceof List<?> l) || l.isEmpty()) {
      throw new IllegalArgumentException(where + ": expected a non-empty list");
    }
    return l;
  }

  private static Map<String, String> texts(@Nullable Object o, String where) {
    Map<String, Object> m = map(o, where);
    for (String lang : List.of("zh", "en")) {
      if (!(m.get(lang) instanceof String s) || s.isBlank()) {
        throw new IllegalArgumentException(where + "." + lang + ": required text");
      }
    }
    return Map.of("zh", (String) m.get("zh"), "en", (String) m.get("en"));
  }
}

package org.fanzha.engine.rules.file;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.fanzha.core.event.Role;
import org.fanzha.core.reason.Reason;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a rule file's YAML into a {@link RuleFile}, checking its structure: the keys it may have,
 * the type and range of every value, unique rule codes. Every problem found is reported at once
 * with its line and column; a file with any problem yields no rule file. Conditions are checked
 * later, against the features of their kind ({@code RuleBook}).
 */
public final class RuleFileReader {

  /** The largest rule file accepted; the shipped one is about 20 KiB. */
  public static final int MAX_BYTES = 1 << 20;

  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{2,63}");
  private static final Pattern PARAM = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Set<String> ROOT_KEYS = Set.of("version", "params", "rules");
  private static final Set<String> RULE_KEYS =
      Set.of(
          "code", "applies_to", "role", "weight", "when", "reason", "enabled", "evidence", "scope");

  private final String source;
  private final List<RuleFileProblem> problems = new ArrayList<>();

  private RuleFileReader(String source) {
    this.source = source;
  }

  /** Reads {@code yaml}, or throws with every problem. */
  public static RuleFile read(String yaml) throws RuleFileException {
    Partial p = readPartly(yaml);
    if (!p.problems().isEmpty()) {
      throw new RuleFileException(p.problems());
    }
    return p.file();
  }

  /**
   * A file read as far as it could be: the rules whose code, kind and condition could be read (so
   * their conditions can still be checked) and every structural problem. A file with problems must
   * not be used.
   */
  public record Partial(RuleFile file, List<RuleFileProblem> problems) {}

  /**
   * Reads as much of {@code yaml} as it can, so that the conditions of its readable rules can be
   * checked too and every problem of the file reported at once.
   *
   * @throws RuleFileException when not even that is possible (too large, not YAML, not a mapping)
   */
  public static Partial readPartly(String yaml) throws RuleFileException {
    int bytes = yaml.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw new RuleFileException(
          List.of(
              new RuleFileProblem(
                  1,
                  1,
                  "the rule file has "
                      + bytes
                      + " bytes; at most "
                      + MAX_BYTES
                      + " (1 MiB) are accepted")));
    }
    RuleFileReader r = new RuleFileReader(yaml);
    RuleFile f = r.read();
    return new Partial(f, List.copyOf(r.problems));
  }

  private RuleFile read() throws RuleFileException {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel("rules")
            .setAllowDuplicateKeys(false)
            .setMaxAliasesForCollections(20)
            .setCodePointLimit(MAX_BYTES)
            .build();
    Optional<Node> root;
    try {
      root = new Compose(settings).composeString(source);
    } catch (MarkedYamlEngineException e) {
      Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
      String what =
          e.getProblem() == null
              ? Objects.requireNonNull(e.getMessage()).lines().findFirst().orElse("")
              : e.getProblem();
      throw new RuleFileException(
          List.of(
              new RuleFileProblem(
                  m == null ? 1 : m.getLine() + 1,
                  m == null ? 1 : m.getColumn() + 1,
                  "not valid YAML: " + what)));
    } catch (YamlEngineException e) {
      throw new RuleFileException(
          List.of(new RuleFileProblem(1, 1, "not valid YAML: " + e.getMessage())));
    }
    if (root.isEmpty() || !(root.get() instanceof MappingNode map)) {
      throw new RuleFileException(
          List.of(
              problemAt(
                  root.orElse(null),
                  "a rule file is a mapping with version, params and rules (API.md \"Rule file\")")));
    }
    long version = 0;
    Map<String, Double> params = new LinkedHashMap<>();
    List<RuleSpec> rules = new ArrayList<>();
    boolean sawRules = false;
    for (NodeTuple t : tuples(map)) {
      String key = keyOf(t);
      if (key == null) {
        continue;
      }
      switch (key) {
        case "version" -> version = integer(t.getValueNode(), "version", 0, Long.MAX_VALUE, 0);
        case "params" -> params(t.getValueNode(), "", params);
        case "rules" -> {
          sawRules = true;
          rules(t.getValueNode(), rules);
        }
        default ->
            problem(
                t.getKeyNode(),
                "unknown key '" + key + "'; a rule file has " + String.join(", ", ROOT_KEYS));
      }
    }
    if (!sawRules) {
      problem(map, "the rule file has no rules: list");
    }
    return new RuleFile(version, params, rules, source);
  }

  private void params(Node n, String prefix, Map<String, Double> out) {
    if (!(n instanceof MappingNode map)) {
      problem(
          n,
          (prefix.isEmpty() ? "params" : "param group '" + prefix + "'")
              + " must be a mapping of names to numbers");
      return;
    }
    for (NodeTuple t : tuples(map)) {
      String key = keyOf(t);
      if (key == null) {
        continue;
      }
      if (!PARAM.matcher(key).matches()) {
        problem(
            t.getKeyNode(),
            "param name '"
                + key
                + "' must be lower case letters, digits and _ , starting with a letter");
        continue;
      }
      String name = prefix.isEmpty() ? key : prefix + "." + key;
      Node v = t.getValueNode();
      if (v instanceof MappingNode) {
        params(v, name, out);
      } else if (v instanceof ScalarNode s
          && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
        try {
          double d = Double.parseDouble(s.getValue().replace("_", ""));
          if (Double.isNaN(d) || Double.isInfinite(d)) {
            problem(v, "param " + name + " must be a finite number");
          } else {
            out.put(name, d);
          }
        } catch (NumberFormatException e) {
          problem(v, "param " + name + " must be a number, not '" + s.getValue() + "'");
        }
      } else {
        problem(
            v,
            "param "
                + name
                + " must be a number"
                + (v instanceof ScalarNode s ? ", not '" + s.getValue() + "'" : ""));
      }
    }
  }

  private void rules(Node n, List<RuleSpec> out) {
    if (!(n instanceof SequenceNode seq)) {
      problem(n, "rules must be a list of rules (each starting with '- code: …')");
      return;
    }
    Set<String> codes = new HashSet<>();
    for (Node item : seq.getValue()) {
      RuleSpec r = rule(item);
      if (r != null && !codes.add(r.code())) {
        problem(item, "rule code " + r.code() + " is used twice; codes are unique in a rule set");
      } else if (r != null) {
        out.add(r);
      }
    }
  }

  private @Nullable RuleSpec rule(Node n) {
    if (!(n instanceof MappingNode map)) {
      problem(n, "a rule must be a mapping with code, applies_to, weight, when and reason");
      return null;
    }
    Map<String, Node> fields = new LinkedHashMap<>();
    for (NodeTuple t : tuples(map)) {
      String key = keyOf(t);
      if (key == null) {
        continue;
      }
      if (!RULE_KEYS.contains(key)) {
        problem(
            t.getKeyNode(),
            "unknown key '" + key + "' in a rule; a rule has " + String.join(", ", RULE_KEYS));
      } else {
        fields.put(key, t.getValueNode());
      }
    }
    int before = problems.size();
    String code = text(fields.get("code"), map, "code");
    if (code != null && !CODE.matcher(code).matches()) {
      problem(
          fields.get("code"),
          "rule code '" + code + "' must match [A-Z][A-Z0-9_]{2,63}, e.g. PH_LOW_ANSWER");
    }
    String where = code == null ? "this rule" : "rule " + code;
    RuleSpec.Kind kind = null;
    String applies = text(fields.get("applies_to"), map, "applies_to");
    if (applies != null) {
      try {
        kind = RuleSpec.Kind.valueOf(applies.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problem(
            fields.get("applies_to"),
            where
                + ": applies_to must be phone, account, holder, device or subscriber, not '"
                + applies
                + "'");
      }
    }
    boolean subscriber = kind == RuleSpec.Kind.SUBSCRIBER;
    if (subscriber && fields.containsKey("role")) {
      problem(
          fields.get("role"),
          where + ": a subscriber rule adds points to a score and points to no role");
    }
    if (subscriber && fields.containsKey("evidence")) {
      problem(
          fields.get("evidence"),
          where + ": a subscriber rule adds points to a score and is no evidence");
    }
    Role role = null;
    if (fields.containsKey("role") && !isNull(fields.get("role"))) {
      String r = text(fields.get("role"), map, "role");
      role = r == null ? null : Role.fromWire(r);
      if (r != null && (role == null || role == Role.NORMAL)) {
        problem(
            fields.get("role"),
            where + ": role must be fraud_number, mule, card_dealer or victim, not '" + r + "'");
      }
    }
    Node w = fields.get("weight");
    int weight = w == null ? 0 : (int) integer(w, where + ": weight", -100, 100, 0);
    if (w == null) {
      problem(map, where + ": weight is required (-100..100; negative mitigates)");
    }
    String when = text(fields.get("when"), map, "when");
    if (when != null && when.isBlank()) {
      problem(fields.get("when"), where + ": when is empty");
    }
    Reason reason = reason(fields.get("reason"), map, code == null ? "?" : code, where);
    boolean enabled = true;
    Node e = fields.get("enabled");
    if (e != null) {
      if (e instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
        enabled = Boolean.parseBoolean(s.getValue().toLowerCase(Locale.ROOT));
      } else {
        problem(e, where + ": enabled must be true or false");
      }
    }
    boolean links = false;
    if (fields.containsKey("evidence")) {
      String ev = text(fields.get("evidence"), map, "evidence");
      links = "link".equals(ev);
      if (ev != null && !links && !"behaviour".equals(ev)) {
        problem(
            fields.get("evidence"),
            where + ": evidence must be link or behaviour, not '" + ev + "'");
      }
    }
    boolean eventOnly = false;
    if (fields.containsKey("scope")) {
      String sc = text(fields.get("scope"), map, "scope");
      eventOnly = "event".equals(sc);
      if (sc != null && !eventOnly && !"entity".equals(sc)) {
        problem(fields.get("scope"), where + ": scope must be entity or event, not '" + sc + "'");
      }
    }
    if (code == null
        || kind == null
        || when == null
        || !(fields.get("when") instanceof ScalarNode whenNode)) {
      return null;
    }
    // Kept even with other problems, so that its condition is checked too; such a file is never
    // used.
    Reason shown = reason != null ? reason : new Reason(code, code, code);
    return new RuleSpec(
        code,
        kind,
        role,
        weight,
        when,
        position(whenNode),
        shown,
        enabled && problems.size() == before,
        links,
        eventOnly);
  }

  private @Nullable Reason reason(@Nullable Node n, Node owner, String code, String where) {
    if (n == null) {
      problem(owner, where + ": reason is required, as {zh: \"…\", en: \"…\"}");
      return null;
    }
    if (!(n instanceof MappingNode map)) {
      problem(n, where + ": reason must be a mapping {zh: \"…\", en: \"…\"}");
      return null;
    }
    String zh = null;
    String en = null;
    for (NodeTuple t : tuples(map)) {
      String key = keyOf(t);
      if ("zh".equals(key)) {
        zh = text(t.getValueNode(), map, "reason.zh");
      } else if ("en".equals(key)) {
        en = text(t.getValueNode(), map, "reason.en");
      } else if (key != null) {
        problem(t.getKeyNode(), where + ": a reason has zh and en, not '" + key + "'");
      }
    }
    if (zh == null || zh.isBlank() || en == null || en.isBlank()) {
      problem(
          n, where + ": reason needs both zh and en text (the person concerned is told why, 第32条)");
      return null;
    }
    return new Reason(code, zh, en);
  }

  /** Returns where a condition's characters stand in the file (see {@link TextPosition}). */
  private TextPosition position(ScalarNode s) {
    Mark start = s.getStartMark().orElseThrow();
    int line = start.getLine() + 1;
    int column = start.getColumn() + 1;
    ScalarStyle style = s.getScalarStyle();
    if (style == ScalarStyle.LITERAL) {
      int firstLine = start.getIndex();
      while (firstLine < source.length() && source.charAt(firstLine) != '\n') {
        firstLine++;
      }
      int indent = 0;
      while (firstLine + 1 + indent < source.length()
          && source.charAt(firstLine + 1 + indent) == ' ') {
        indent++;
      }
      return new TextPosition(line + 1, indent + 1, indent + 1, true);
    }
    boolean quoted = style == ScalarStyle.DOUBLE_QUOTED || style == ScalarStyle.SINGLE_QUOTED;
    int from = start.getIndex() + (quoted ? 1 : 0);
    boolean verbatim = source.startsWith(s.getValue(), from);
    return new TextPosition(line, column + (quoted ? 1 : 0), 0, verbatim);
  }

  /**
   * Returns a mapping's entries, reporting a key that appears twice (YAML forbids it; the composer
   * lets it pass).
   */
  private List<NodeTuple> tuples(MappingNode map) {
    Set<String> seen = new HashSet<>();
    List<NodeTuple> out = new ArrayList<>();
    for (NodeTuple t : map.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && !seen.add(k.getValue())) {
        problem(k, "key '" + k.getValue() + "' appears twice in one mapping");
        continue;
      }
      out.add(t);
    }
    return out;
  }

  private @Nullable String keyOf(NodeTuple t) {
    if (t.getKeyNode() instanceof ScalarNode k) {
      return k.getValue();
    }
    problem(t.getKeyNode(), "keys must be plain names");
    return null;
  }

  private @Nullable String text(@Nullable Node n, Node owner, String what) {
    if (n == null) {
      problem(owner, what + " is required");
      return null;
    }
    if (n instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
      return s.getValue();
    }
    problem(n, what + " must be text");
    return null;
  }

  private long integer(Node n, String what, long min, long max, long fallback) {
    if (n instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
      try {
        long v = Long.parseLong(s.getValue().replace("_", "").replace("+", ""));
        if (v >= min && v <= max) {
          return v;
        }
      } catch (NumberFormatException e) {
        // out of range of a long: reported below
      }
    }
    problem(
        n,
        what
            + " must be a whole number from "
            + min
            + " to "
            + max
            + (n instanceof ScalarNode s ? ", not '" + s.getValue() + "'" : ""));
    return fallback;
  }

  private static boolean isNull(Node n) {
    return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  private void problem(@Nullable Node n, String message) {
    problems.add(problemAt(n, message));
  }

  private static RuleFileProblem problemAt(@Nullable Node n, String message) {
    Mark m = n == null ? null : n.getStartMark().orElse(null);
    return new RuleFileProblem(
        m == null ? 1 : m.getLine() + 1, m == null ? 1 : m.getColumn() + 1, message);
  }
}

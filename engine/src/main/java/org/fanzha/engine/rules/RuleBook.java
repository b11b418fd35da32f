package org.fanzha.engine.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.fanzha.engine.features.AccountFeatures;
import org.fanzha.engine.features.HolderFeatures;
import org.fanzha.engine.features.NodeFeatures;
import org.fanzha.engine.features.PhoneFeatures;
import org.fanzha.engine.rules.file.RuleFile;
import org.fanzha.engine.rules.file.RuleFileException;
import org.fanzha.engine.rules.file.RuleFileProblem;
import org.fanzha.engine.rules.file.RuleFileReader;
import org.fanzha.engine.rules.file.RuleSpec;
import org.fanzha.engine.rules.lang.Checker;
import org.fanzha.engine.rules.lang.ExpressionException;
import org.fanzha.engine.rules.lang.Field;
import org.fanzha.engine.rules.lang.Node;
import org.fanzha.engine.rules.lang.Problem;
import org.fanzha.engine.rules.lang.Scope;
import org.jspecify.annotations.Nullable;

/**
 * A rule set version ready to score: every condition checked against the features of its kind and
 * compiled, every param the engine reads present. Immutable, so the engine can swap one book for
 * another between two events. Params a file does not give keep the shipped values ({@code
 * default-rules.yaml}); its rules are exactly the file's.
 */
public final class RuleBook {

  /** The shipped rule file, on the class path beside this class. */
  public static final String DEFAULT_FILE = "default-rules.yaml";

  private static final FieldCatalogue PHONE_FEATURES =
      FieldCatalogue.of(PhoneFeatures.class, false);
  private static final Map<RuleSpec.Kind, FieldCatalogue> FEATURES =
      new EnumMap<>(
          Map.of(
              RuleSpec.Kind.PHONE, PHONE_FEATURES,
              RuleSpec.Kind.SUBSCRIBER,
                  PHONE_FEATURES, // a subscriber is scored on what its phone's features say
              RuleSpec.Kind.ACCOUNT, FieldCatalogue.of(AccountFeatures.class, false),
              RuleSpec.Kind.HOLDER, FieldCatalogue.of(HolderFeatures.class, false),
              RuleSpec.Kind.DEVICE, FieldCatalogue.of(NodeFeatures.class, false)));
  private static final FieldCatalogue EVENT = FieldCatalogue.of(EventView.class, true);
  private static final String SHIPPED_TEXT = readShipped();
  private static volatile @Nullable RuleBook shipped;

  private final RuleFile file;
  private final Map<String, Double> params;
  private final Map<RuleSpec.Kind, RuleSet> sets;

  private RuleBook(RuleFile file, Map<String, Double> params, Map<RuleSpec.Kind, RuleSet> sets) {
    this.file = file;
    this.params = Collections.unmodifiableMap(params);
    this.sets = sets;
  }

  /** Returns the shipped rules, compiled once however many threads ask at first. */
  public static RuleBook defaults() {
    RuleBook b = shipped;
    if (b != null) {
      return b;
    }
    synchronized (RuleBook.class) {
      b = shipped;
      if (b == null) {
        try {
          b = compile(RuleFileReader.read(SHIPPED_TEXT), Map.of());
        } catch (RuleFileException e) {
          throw new IllegalStateException("the shipped rule file is invalid: " + e.problems(), e);
        }
        shipped = b;
      }
      return b;
    }
  }

  /** Returns the text of the shipped rule file. */
  public static String defaultText() {
    return SHIPPED_TEXT;
  }

  /**
   * Reads, checks and compiles a rule file's text; params it does not give keep the shipped values.
   *
   * @throws RuleFileException with every problem of the file: its structure and its conditions
   */
  public static RuleBook parse(String yaml) throws RuleFileException {
    RuleFileReader.Partial p = RuleFileReader.readPartly(yaml);
    if (p.problems().isEmpty()) {
      return compile(p.file(), defaults().params);
    }
    List<RuleFileProblem> all = new ArrayList<>(p.problems());
    try {
      compile(p.file(), defaults().params);
    } catch (RuleFileException e) {
      all.addAll(e.problems());
    }
    throw new RuleFileException(all);
  }

  /**
   * Checks and compiles a rule file over {@code baseParams} (the file's params win), or throws with
   * every problem found.
   */
  public static RuleBook compile(RuleFile file, Map<String, Double> baseParams)
      throws RuleFileException {
    Map<String, Double> params = new TreeMap<>(EngineParams.DEFAULTS);
    params.putAll(baseParams);
    params.putAll(file.params());
    Set<String> used = new HashSet<>();
    List<RuleFileProblem> problems = new ArrayList<>();
    Map<RuleSpec.Kind, List<Rule>> byKind = new EnumMap<>(RuleSpec.Kind.class);
    for (RuleSpec.Kind k : RuleSpec.Kind.values()) {
      byKind.put(k, new ArrayList<>());
    }
    for (RuleSpec spec : file.rules()) {
      Scope scope = scope(spec.appliesTo(), params, used);
      try {
        Node condition = Checker.check(spec.when(), scope);
        if (spec.enabled()) {
          Objects.requireNonNull(byKind.get(spec.appliesTo()))
              .add(
                  new Rule(
                      spec.code(),
                      spec.reason(),
                      spec.weight(),
                      spec.role(),
                      spec.when(),
                      condition,
                      spec.links(),
                      spec.eventOnly()));
        }
      } catch (ExpressionException e) {
        for (Problem p : e.problems()) {
          problems.add(
              spec.whenAt()
                  .at(spec.when(), p.offset(), "rule " + spec.code() + ": " + p.message()));
        }
      }
    }
    for (Map.Entry<RuleSpec.Kind, List<Rule>> e : byKind.entrySet()) {
      if (e.getValue().size() > 64) {
        problems.add(
            new RuleFileProblem(
                1,
                1,
                "at most 64 enabled rules apply to "
                    + e.getKey().wireName()
                    + ", not "
                    + e.getValue().size()));
      }
    }
    for (String p : EngineParams.REQUIRED) {
      if (!params.containsKey(p)) {
        problems.add(
            new RuleFileProblem(1, 1, "param " + p + " is read by the engine and has no value"));
      }
    }
    // A param the engine does not read and no rule uses is a typo of a name (a shipped param may
    // stay
    // unused: a file copied from the shipped one keeps them when a rule is deleted).
    for (String p : file.params().keySet()) {
      if (!used.contains(p) && !EngineParams.readByEngine(p) && !baseParams.containsKey(p)) {
        problems.add(
            new RuleFileProblem(
                1,
                1,
                "param "
                    + p
                    + " is used by no rule and not read by the engine (a typo?)"
                    + Checker.suggest(
                        p, baseParams.isEmpty() ? EngineParams.REQUIRED : baseParams.keySet())));
      }
    }
    if (!(Objects.requireNonNull(params.get("subscriber.band_a"))
            >= Objects.requireNonNull(params.get("subscriber.band_b"))
        && params.get("subscriber.band_b")
            >= Objects.requireNonNull(params.get("subscriber.band_c")))) {
      problems.add(
          new RuleFileProblem(
              1,
              1,
              "params subscriber.band_a, band_b and band_c are the lowest scores of "
                  + "bands A, B and C: each at most the one before"));
    }
    if (!problems.isEmpty()) {
      throw new RuleFileException(problems);
    }
    int roleMin = (int) Math.round(Objects.requireNonNull(params.get("role.min_score")));
    Map<RuleSpec.Kind, RuleSet> sets = new EnumMap<>(RuleSpec.Kind.class);
    for (Map.Entry<RuleSpec.Kind, List<Rule>> e : byKind.entrySet()) {
      List<Node> conditions = e.getValue().stream().map(Rule::condition).toList();
      sets.put(
          e.getKey(),
          new RuleSet(
              e.getValue(),
              RuleCompiler.compile(
                  Objects.requireNonNull(FEATURES.get(e.getKey())).holder(), conditions),
              roleMin));
    }
    return new RuleBook(file, params, sets);
  }

  /**
   * Returns what a condition of {@code kind} may name, recording the params it reads into {@code
   * used}.
   */
  static Scope scope(RuleSpec.Kind kind, Map<String, Double> params, Set<String> used) {
    Map<String, Field> features = Objects.requireNonNull(FEATURES.get(kind)).fields();
    // a subscriber's score is asked of a phone at any moment, not of an event: its lines read no
    // event field
    Map<String, Field> eventFields = kind == RuleSpec.Kind.SUBSCRIBER ? Map.of() : EVENT.fields();
    return new Scope() {
      @Override
      public @Nullable Field feature(String name) {
        return features.get(name);
      }

      @Override
      public Collection<String> featureNames() {
        return features.keySet();
      }

      @Override
      public @Nullable Double param(String name) {
        Double v = params.get(name);
        if (v != null) {
          used.add(name);
        }
        return v;
      }

      @Override
      public Collection<String> paramNames() {
        return params.keySet();
      }

      @Override
      public @Nullable Field eventField(String name) {
        return eventFields.get(name);
      }

      @Override
      public Collection<String> eventFieldNames() {
        return eventFields.keySet();
      }
    };
  }

  /**
   * Returns the catalogue of what rules may read, by kind ({@code event} for the event's fields).
   */
  public static Map<String, Collection<Field>> catalogue() {
    Map<String, Collection<Field>> out = new java.util.LinkedHashMap<>();
    for (RuleSpec.Kind k : RuleSpec.Kind.values()) {
      out.put(k.wireName(), Objects.requireNonNull(FEATURES.get(k)).fields().values());
    }
    out.put("event", EVENT.fields().values());
    return out;
  }

  /** Returns the version number the file states. */
  public long version() {
    return file.version();
  }

  /** Returns the rule file this book was made from. */
  public RuleFile file() {
    return file;
  }

  /** Returns every param by dotted name: the file's over the shipped ones. */
  public Map<String, Double> params() {
    return params;
  }

  /** Returns a param's value. */
  public double param(String name) {
    Double v = params.get(name);
    if (v == null) {
      throw new IllegalArgumentException("unknown param " + name);
    }
    return v;
  }

  /** Returns the compiled rules of one kind. */
  public RuleSet rules(RuleSpec.Kind kind) {
    return Objects.requireNonNull(sets.get(kind));
  }

  /** Returns this book with one param changed and everything recompiled (tuning and tests). */
  public RuleBook withParam(String name, double value) {
    return withParams(Map.of(name, value));
  }

  /**
   * Returns this book with the given params changed and everything recompiled.
   *
   * @throws IllegalArgumentException naming a param the book does not have
   */
  public RuleBook withParams(Map<String, Double> changes) {
    for (String name : changes.keySet()) {
      if (!params.containsKey(name)) {
        throw new IllegalArgumentException("unknown engine setting (param) " + name);
      }
    }
    Map<String, Double> p = new TreeMap<>(file.params());
    p.putAll(changes);
    try {
      return compile(new RuleFile(file.version(), p, file.rules(), file.source()), params);
    } catch (RuleFileException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Returns this book evaluating its conditions with other implementations, which must mean the
   * same (rule {@code i} of a kind is bit {@code i}): for measuring the compiled form against
   * others.
   */
  public RuleBook withConditions(Map<RuleSpec.Kind, Conditions> conditions) {
    Map<RuleSpec.Kind, RuleSet> s = new EnumMap<>(RuleSpec.Kind.class);
    int roleMin = (int) Math.round(Objects.requireNonNull(params.get("role.min_score")));
    for (Map.Entry<RuleSpec.Kind, RuleSet> e : sets.entrySet()) {
      s.put(
          e.getKey(),
          new RuleSet(
              e.getValue().rules(),
              conditions.getOrDefault(e.getKey(), e.getValue().conditions()),
              roleMin));
    }
    return new RuleBook(file, params, s);
  }

  private static String readShipped() {
    try (InputStream in = RuleBook.class.getResourceAsStream(DEFAULT_FILE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DEFAULT_FILE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

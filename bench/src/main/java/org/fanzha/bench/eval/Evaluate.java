package org.fanzha.bench.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.fanzha.bench.CommandLines;
import org.fanzha.bench.WorldSize;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Role;
import org.fanzha.engine.Action;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.Level;
import org.fanzha.engine.model.ModelFileException;
import org.fanzha.engine.model.Models;
import org.fanzha.engine.rules.RuleFiles;
import org.fanzha.graph.gangs.Gang;
import org.fanzha.graph.gangs.GangFinder;
import org.fanzha.graph.gangs.IdentityGraph;
import org.fanzha.graph.gangs.Node;
import org.fanzha.sim.GroundTruth;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.Tactic;
import org.fanzha.sim.World;
import org.fanzha.sim.eval.RoleScore;
import picocli.CommandLine;

/**
 * Prints the engine's detection quality on a simulated world: precision, recall and F1 for fraud
 * numbers, mules and card dealers, and how many benign heavy callers were flagged high.
 *
 * <p>Definition: an entity is <em>predicted</em> to play a role when, after the whole world has
 * been replayed through one engine, the risk the engine holds for it is at level {@code high} or
 * {@code critical} and its suspected roles include that role. Fraud numbers are phones; mules are
 * accounts; card dealers are the holders (resident IDs) and devices the simulator labels {@code
 * card_dealer}, scored together (each also shown alone). Truth is the simulator's ground truth,
 * which is never fed to the engine (the event stream carries no labels). "Benign heavy callers
 * flagged high" counts the couriers, riders, telemarketers, bank agents, night-shift workers and
 * service lines held at {@code high} or above for any reason. The honest look-alikes ({@link
 * World#normalActors()}: payroll agencies, shops, movers, people sharing a screen …) are listed by
 * group with how many were accused (held high with a fraud-side role). Victim warnings are scored
 * per person: a victim (truth) counts as warned when any warning named their phone. Timeliness: how
 * many victims were warned before their first payment, or on it at the latest. The simulator's
 * truth has no notion of a person a fraud number kept on the line, or who followed the link of a
 * message a fraud number sent, but never paid ("targeted"); such people are counted apart, with the
 * precision that counts warning them as right. Friction on honest people: transfers by payers who
 * are not victims, between accounts that are not mules, that the decision delayed or held.
 *
 * <p>Run (after {@code ./mvnw -B -o -q -pl bench package -DskipTests}):
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.fanzha.bench.eval.Evaluate --seed 20261127 --people 10000 --days 7
 * </pre>
 *
 * Options: {@code --seed} (default 20261127), {@code --people} (10000), {@code --days} (7), {@code
 * --config FILE} (engine properties overriding the defaults), {@code --text} (score SMS with the
 * text module's shipped classifier), {@code --tactics all} (or a list: the adversarial city of
 * {@link Tactic}, with a table of what was found per tactic), {@code --seeds 4401-4410} (every
 * figure's mean, lowest and highest over those worlds; seeds the rules were tuned on are refused
 * unless {@code --allow-tuned}).
 */
public final class Evaluate {

  /** One evaluated role. */
  public record Row(String name, RoleScore score) {}

  /**
   * One group of honest actors (see {@link World#normalActors()}): its size, how many of its
   * entities are held high or above with a fraud-side role (fraud number, mule, card dealer: a
   * false accusation), and how many are held high or above for any reason (a victim warning
   * included).
   */
  public record NormalGroup(String name, int size, int accused, int high) {}

  /**
   * How the engine did on the entities one adversarial {@link Tactic} produced: of those that play
   * {@code role} in the truth, how many were {@code found} (held high with that role; for victims:
   * warned before their first payment).
   */
  public record TacticRow(String tactic, Role role, int total, int found) {}

  /**
   * The subscriber score and re-verification (issue 12) at the end of a world: honest cards opened
   * during it (none of them may be restricted, band D), the fraud numbers in band D and those the
   * server asks to re-verify (held at 70 or more as fraud numbers), and the licensed call centre's
   * lines in band D.
   */
  public record SubscriberFigures(
      int honestNew,
      int honestNewRestricted,
      int fraudNumbers,
      int fraudRestricted,
      int fraudAsked,
      int callCentreLines,
      int callCentreRestricted,
      int honestOpenings,
      int honestOpeningsRefused) {}

  /** The outcome of one evaluation. */
  public record Result(
      long events,
      long millis,
      List<Row> rows,
      int heavyCallers,
      int heavyCallersFlagged,
      RoleScore warnings,
      List<NormalGroup> normals,
      Map<String, Integer> falseWarningsByGroup,
      int warnedBeforeFirstPayment,
      int warnedByFirstPayment,
      int targetedWarned,
      int targeted,
      int typedRight,
      int typedOther,
      int typed,
      double medianLeadMinutes,
      double falseWarningsPer10kPeoplePerDay,
      Map<String, Integer> typeConfusion,
      long victimPaidFen,
      long paidAfterWarningFen,
      long stoppedFen,
      Map<String, Long> paidAfterWarningByVictim,
      List<TacticRow> tactics,
      int honestTransfersStopped,
      Map<String, Integer> honestStoppedByGroup,
      SubscriberFigures subscribers,
      GangPurity gangs) {

    /** Returns the row with this name. */
    public RoleScore score(String name) {
      return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().score();
    }
  }

  private Evaluate() {}

  /**
   * The command line, checked: every mistake in it is an {@link IllegalArgumentException} naming
   * it.
   */
  record Options(
      long seed,
      int people,
      int days,
      EngineConfig config,
      boolean text,
      int explain,
      Set<Tactic> tactics,
      @org.jspecify.annotations.Nullable List<Long> seeds,
      double dissuasion,
      boolean gangsApart) {

    static Options parse(String[] args) throws IOException {
      return CommandLines.read(new Command(), args).options();
    }
  }

  /** {@code ./fanzha evaluate}: its options as picocli reads them, checked into {@link Options}. */
  @CommandLine.Command(
      name = "evaluate",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description =
          "Replay simulated worlds through the engine and score its detection and warnings against their"
              + " truth: one world (--seed) or a sweep (--seeds) with each figure's mean, lowest and highest.")
  public static final class Command implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Option(
        names = "--seed",
        paramLabel = "N",
        description = "the world's seed (default 20261127)")
    long seed = 20261127L;

    @CommandLine.Option(
        names = "--seeds",
        paramLabel = "4401-4410|4401,4502",
        description =
            "a sweep over these worlds (seeds the rules were tuned on or the model trained on are refused)")
    @org.jspecify.annotations.Nullable
    String seeds;

    @CommandLine.Option(
        names = "--allow-tuned",
        description = "let --seeds name tuned or training seeds")
    boolean allowTuned;

    @CommandLine.Mixin WorldSize world = new WorldSize();

    @CommandLine.Option(
        names = "--tactics",
        paramLabel = "all|LIST",
        description = "the adversarial tactics switched on")
    @org.jspecify.annotations.Nullable
    String tactics;

    @CommandLine.Option(
        names = "--rules",
        paramLabel = "RULES.yaml",
        description = "score with this rule file")
    @org.jspecify.annotations.Nullable
    Path rules;

    @CommandLine.Option(
        names = "--config",
        paramLabel = "PARAMS.properties",
        description = "override engine settings and rule params")
    @org.jspecify.annotations.Nullable
    Path config;

    @CommandLine.Option(
        names = "--model",
        paramLabel = "none|shipped|MODEL.yaml",
        description = "the model beside the rules (default shipped)")
    @org.jspecify.annotations.Nullable
    String model;

    @CommandLine.Option(names = "--text", description = "score SMS text with the content model")
    boolean text;

    @CommandLine.Option(
        names = "--explain",
        paramLabel = "N",
        description = "list up to N misses per role with reasons")
    int explain;

    @CommandLine.Option(
        names = "--dissuasion",
        paramLabel = "SHARE",
        description =
            "the share of warned victims reached and stopped, for the money protected (default 0.5)")
    double dissuasion = DISSUASION;

    @CommandLine.Option(
        names = "--gangs-apart",
        description =
            "worlds whose gangs keep their own farms, hooks and mules (the gang purity is measured on"
                + " them; by default the dealers supply every gang and the mules serve all)")
    boolean gangsApart;

    /** Checks what was given and loads the files it names. */
    Options options() throws IOException {
      if (!(dissuasion >= 0 && dissuasion <= 1)) {
        throw new IllegalArgumentException(
            "--dissuasion is a share between 0 and 1, not " + dissuasion);
      }
      EngineConfig cfg = EngineConfig.defaults();
      if (config != null) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(config)) {
          p.load(in);
        }
        cfg = cfg.withOverrides(p);
      }
      if (rules != null) {
        cfg = cfg.withRules(RuleFiles.load(rules));
      }
      if (model != null) {
        cfg = cfg.withModels(model(model));
      }
      return new Options(
          seed,
          world.people,
          world.days,
          cfg,
          text,
          explain,
          tactics == null ? Set.of() : Tactic.parse(tactics),
          seeds == null ? null : SeedSweep.parse(seeds, allowTuned),
          dissuasion,
          gangsApart);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
      Options o;
      try {
        o = options();
      } catch (IllegalArgumentException e) {
        // a mistake on the command line, not a failure of the evaluation: say which, without a
        // stack trace
        System.err.println("evaluate: " + e.getMessage());
        return 2;
      }
      evaluate(o);
      return 0;
    }
  }

  private static String describe(Models m) {
    return m.phone() == null && m.account() == null
        ? "none (rules alone)"
        : m.version() + " (" + m.trainedOn() + ")";
  }

  /**
   * The models {@code --model} names: {@code none} (rules alone), {@code shipped}, or a model file.
   */
  static Models model(String name) throws IOException {
    return switch (name) {
      case "none" -> Models.none();
      case "shipped" -> Models.shipped();
      default -> {
        try {
          yield Models.parse(Files.readString(Path.of(name)));
        } catch (ModelFileException e) {
          throw new IllegalArgumentException("--model " + name + ": " + e.getMessage(), e);
        }
      }
    };
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Command()).execute(args));
  }

  private static void evaluate(Options o) throws IOException, InterruptedException {
    long seed = o.seed();
    int people = o.people();
    int days = o.days();
    EngineConfig cfg = o.config();
    boolean text = o.text();
    int explain = o.explain();
    Set<Tactic> tactics = o.tactics();
    List<Long> seedList = o.seeds();
    if (seedList != null) {
      List<SimConfig> worlds = new ArrayList<>();
      for (long s : seedList) {
        worlds.add(
            SimConfig.builder(s, people, days).tactics(tactics).gangsApart(o.gangsApart()).build());
      }
      EngineConfig base = cfg;
      boolean withText = text;
      // one content model per thread: each world is replayed on its own engine
      List<Result> results =
          SeedSweep.run(
              worlds,
              () ->
                  withText
                      ? base.withContentClassifier(org.fanzha.text.TextClassifiers.loadDefault())
                      : base,
              2);
      System.out.println("model: " + describe(cfg.models()));
      SeedSweep.print(worlds, results, text, o.dissuasion(), System.out);
      return;
    }
    if (text) {
      cfg = cfg.withContentClassifier(org.fanzha.text.TextClassifiers.loadDefault());
    }
    SimConfig sim =
        SimConfig.builder(seed, people, days).tactics(tactics).gangsApart(o.gangsApart()).build();
    Result r = run(sim, cfg, explain);
    System.out.println("model: " + describe(cfg.models()));
    print(sim, r, text, o.dissuasion(), System.out);
  }

  /**
   * The share of warned victims a dissuader reaches and talks out of paying, unless {@code
   * --dissuasion} says otherwise: an assumption of the evaluation, not a measurement (the simulated
   * victims cannot answer a call).
   */
  static final double DISSUASION = 0.5;

  /**
   * The money protected if each warned victim, drawn independently with probability {@code rate}
   * (the same draw for the same world and person in every run), is reached at their first warning
   * and pays nothing after it.
   */
  static long protectedFen(Result r, long seed, double rate) {
    return protectedFen(r.paidAfterWarningByVictim(), seed, rate);
  }

  /**
   * As {@link #protectedFen(Result, long, double)}, over each warned victim's payments after the
   * warning.
   */
  static long protectedFen(Map<String, Long> paidAfterWarning, long seed, double rate) {
    long sum = 0;
    for (Map.Entry<String, Long> v : paidAfterWarning.entrySet()) {
      if (new java.util.SplittableRandom(seed * 31 + v.getKey().hashCode()).nextDouble() < rate) {
        sum += v.getValue();
      }
    }
    return sum;
  }

  /**
   * Replays the world of {@code sim} through a new engine and scores the held risks against truth.
   */
  public static Result run(SimConfig sim, EngineConfig cfg) {
    return run(sim, cfg, 0);
  }

  /**
   * As {@link #run(SimConfig, EngineConfig)}, also printing up to {@code explain} false positives
   * and false negatives per role with the engine's reasons (for tuning).
   */
  public static Result run(SimConfig sim, EngineConfig cfg, int explain) {
    World world = World.generate(sim);
    Engine engine = new Engine(cfg);
    long[] n = {0};
    Set<String> warned = new TreeSet<>();
    Set<String> fraudNumbers = world.truth().entities(EntityKind.PHONE, Role.FRAUD_NUMBER);
    Set<String> targeted = new TreeSet<>();
    Set<String> victimPhonesTruth = world.truth().entities(EntityKind.PHONE, Role.VICTIM);
    Set<String> muleAccounts = world.truth().entities(EntityKind.ACCOUNT, Role.MULE);
    Set<String> paid =
        new TreeSet<>(); // victims who paid a mule (their own everyday payments aside)
    Set<String> warnedBefore = new TreeSet<>(); // ... and had been warned before the first one
    Set<String> warnedBy =
        new TreeSet<>(); // ... or were warned on the first one (the bank can delay it)
    Map<String, Long> firstWarned = new java.util.HashMap<>();
    Map<String, org.fanzha.core.event.FraudType> lastType = new java.util.HashMap<>();
    List<Long> leadMillis =
        new ArrayList<>(); // first warning to first payment, for those warned before it
    // victims' payments to mules: all, those made after the person's first warning, those the
    // decision delayed or held
    long[] money = {0, 0, 0};
    Map<String, Long> afterWarning =
        new java.util.TreeMap<>(); // each warned victim's payments after the warning
    Map<String, List<String>> lures =
        new java.util.HashMap<>(); // texts fraud numbers sent, by receiver
    Set<String> linkTargets = new TreeSet<>();
    Map<String, String> groupOf = new java.util.HashMap<>();
    world.normalActors().forEach((g, keys) -> keys.forEach(k -> groupOf.putIfAbsent(k, g)));
    Map<String, Integer> honestStopped = new java.util.TreeMap<>();
    Set<String> newCards =
        new TreeSet<>(); // phone cards opened during the world, with who opened them
    Set<String> dealerHolders = world.truth().entities(EntityKind.HOLDER, Role.CARD_DEALER);
    int[] openings = {0, 0}; // honest cards opened during the world, and refused at the card limit
    IdentityGraph identities = new IdentityGraph();
    long[] graphNanos = {0}; // kept out of the replay's time
    long t0 = System.nanoTime();
    world.forEachEvent(
        e -> {
          long g0 = System.nanoTime();
          identities.add(e);
          graphNanos[0] += System.nanoTime() - g0;
          if (e instanceof org.fanzha.core.event.OpeningEvent o
              && o.kind() == org.fanzha.core.event.OpeningKind.SIM
              && o.ts() >= sim.startMillis()
              && !dealerHolders.contains(o.holder())) {
            newCards.add(o.account());
          }
          if (e instanceof org.fanzha.core.event.CallEvent c
              && c.durationS() >= 300
              && fraudNumbers.contains(c.caller())) {
            targeted.add(
                c.callee()); // kept on the line by a fraud number: targeted, though not (yet) a
            // victim
          }
          if (e instanceof org.fanzha.core.event.SmsEvent m && fraudNumbers.contains(m.sender())) {
            lures.computeIfAbsent(m.receiver(), k -> new ArrayList<>()).add(m.text());
          }
          if (e instanceof org.fanzha.core.event.DeviceEvent d
              && d.target() != null
              && lures.getOrDefault(d.subscriber(), List.of()).stream()
                  .anyMatch(t -> t.contains(d.target()))) {
            targeted.add(d.subscriber()); // followed the link a fraud number sent: targeted too
            linkTargets.add(d.subscriber());
          }
          if (e instanceof org.fanzha.core.event.TransferEvent t
              && t.fromPhone() != null
              && victimPhonesTruth.contains(t.fromPhone())
              && muleAccounts.contains(t.to())) {
            money[0] += t.amountFen();
            if (firstWarned.containsKey(t.fromPhone())) {
              money[1] += t.amountFen();
              afterWarning.merge(t.fromPhone(), t.amountFen(), Long::sum);
            }
          }
          String firstPayer = null;
          if (e instanceof org.fanzha.core.event.TransferEvent t
              && t.fromPhone() != null
              && victimPhonesTruth.contains(t.fromPhone())
              && muleAccounts.contains(t.to())
              && paid.add(t.fromPhone())) {
            firstPayer = t.fromPhone();
            if (warned.contains(firstPayer)) {
              warnedBefore.add(firstPayer);
              leadMillis.add(t.ts() - Objects.requireNonNull(firstWarned.get(firstPayer)));
            }
          }
          var decision = engine.process(e);
          if (e instanceof org.fanzha.core.event.OpeningEvent o
              && o.kind() == org.fanzha.core.event.OpeningKind.SIM
              && o.ts() >= sim.startMillis()
              && !dealerHolders.contains(o.holder())) {
            openings[0]++; // an honest person's card opened during the world
            openings[1] +=
                decision.reasons().stream().anyMatch(r -> r.code().equals("HO_OVER_CARD_LIMIT"))
                    ? 1
                    : 0;
          }
          if (e instanceof org.fanzha.core.event.TransferEvent t
              && t.fromPhone() != null
              && victimPhonesTruth.contains(t.fromPhone())
              && muleAccounts.contains(t.to())
              && decision.action().compareTo(Action.DELAY) >= 0) {
            money[2] += t.amountFen();
          }
          if (e instanceof org.fanzha.core.event.TransferEvent t
              && decision.action().compareTo(Action.DELAY) >= 0
              && !muleAccounts.contains(t.to())
              && (t.fromPhone() == null || !victimPhonesTruth.contains(t.fromPhone()))
              && !muleAccounts.contains(t.from())) {
            // an honest payment to an honest payee, slowed or stopped
            String g = t.fromPhone() == null ? null : groupOf.get("phone:" + t.fromPhone());
            honestStopped.merge(g == null ? "other" : g, 1, Integer::sum);
          }
          for (var w : engine.drainWarnings()) {
            if (w.victimPhone() != null) {
              warned.add(w.victimPhone());
              firstWarned.putIfAbsent(w.victimPhone(), w.ts());
              lastType.put(w.victimPhone(), w.fraudType());
            }
          }
          if (firstPayer != null && warned.contains(firstPayer)) {
            warnedBy.add(firstPayer);
          }
          n[0]++;
        });
    long millis = (System.nanoTime() - t0 - graphNanos[0]) / 1_000_000;
    Map<EntityKind, Map<Role, Set<String>>> predicted = new LinkedHashMap<>();
    Set<String> flaggedHigh = new TreeSet<>();
    Set<String> highAny = new TreeSet<>();
    Set<String> accused = new TreeSet<>();
    engine.forEachRisk(
        risk -> {
          if (risk.level().compareTo(Level.HIGH) < 0) {
            return;
          }
          String key = risk.entityKind().wireName() + ":" + risk.entity();
          highAny.add(key);
          if (risk.roles().contains(Role.FRAUD_NUMBER)
              || risk.roles().contains(Role.MULE)
              || risk.roles().contains(Role.CARD_DEALER)) {
            accused.add(key);
          }
          if (risk.entityKind() == EntityKind.PHONE) {
            flaggedHigh.add(risk.entity());
          }
          for (Role role : risk.roles()) {
            predicted
                .computeIfAbsent(risk.entityKind(), k -> new LinkedHashMap<>())
                .computeIfAbsent(role, k -> new TreeSet<>())
                .add(risk.entity());
          }
        });
    GroundTruth truth = world.truth();
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("fraud_number", score(predicted, truth, Role.FRAUD_NUMBER, EntityKind.PHONE)));
    rows.add(new Row("mule", score(predicted, truth, Role.MULE, EntityKind.ACCOUNT)));
    rows.add(
        new Row(
            "card_dealer",
            score(predicted, truth, Role.CARD_DEALER, EntityKind.HOLDER, EntityKind.DEVICE)));
    rows.add(
        new Row(
            "  card_dealer holders", score(predicted, truth, Role.CARD_DEALER, EntityKind.HOLDER)));
    rows.add(
        new Row(
            "  card_dealer devices", score(predicted, truth, Role.CARD_DEALER, EntityKind.DEVICE)));
    if (explain > 0) {
      explain(engine, truth, predicted, Role.FRAUD_NUMBER, EntityKind.PHONE, explain);
      explain(engine, truth, predicted, Role.MULE, EntityKind.ACCOUNT, explain);
      explain(engine, truth, predicted, Role.CARD_DEALER, EntityKind.HOLDER, explain);
      explain(engine, truth, predicted, Role.CARD_DEALER, EntityKind.DEVICE, explain);
      for (Map.Entry<String, Set<String>> g : world.normalActors().entrySet()) {
        int k = 0;
        for (String e : g.getValue()) {
          if (accused.contains(e) && k++ < explain) {
            int colon = e.indexOf(':');
            EntityKind kind = EntityKind.fromWire(e.substring(0, colon));
            System.out.println(
                "FP normal/"
                    + g.getKey()
                    + ": "
                    + describe(engine, Objects.requireNonNull(kind), e.substring(colon + 1)));
          }
        }
      }
    }
    Map<String, Set<String>> actors = world.normalActors();
    Set<String> victimPhones = truth.entities(EntityKind.PHONE, Role.VICTIM);
    Map<String, Integer> falseWarnings = new java.util.TreeMap<>();
    for (String p : warned) {
      if (victimPhones.contains(p)) {
        continue;
      }
      String group =
          linkTargets.contains(p)
              ? "fraud_link_target"
              : targeted.contains(p) ? "fraud_call_target" : "other";
      for (Map.Entry<String, Set<String>> g : actors.entrySet()) {
        if (g.getValue().contains("phone:" + p)) {
          group = g.getKey();
          break;
        }
      }
      falseWarnings.merge(group, 1, Integer::sum);
    }
    Set<String> heavy = new TreeSet<>(actors.getOrDefault("heavy_caller", Set.of()));
    heavy.addAll(actors.getOrDefault("night_shift", Set.of()));
    int flagged = 0;
    for (String p : heavy) {
      if (highAny.contains(p)) {
        flagged++;
      }
    }
    List<NormalGroup> normals = new ArrayList<>();
    for (Map.Entry<String, Set<String>> g : actors.entrySet()) {
      int a = 0;
      int h = 0;
      for (String e : g.getValue()) {
        a += accused.contains(e) ? 1 : 0;
        h += highAny.contains(e) ? 1 : 0;
      }
      normals.add(new NormalGroup(g.getKey(), g.getValue().size(), a, h));
    }
    int inTime = warnedBefore.size();
    int byFirst = warnedBy.size();
    Set<String> targetedOnly = new TreeSet<>(targeted);
    targetedOnly.removeAll(victimPhones);
    int targetedWarned = 0;
    for (String p : targetedOnly) {
      targetedWarned += warned.contains(p) ? 1 : 0;
    }
    int typed = 0;
    int typedRight = 0;
    int typedOther = 0;
    Map<String, Integer> confusion = new java.util.TreeMap<>();
    for (String p : warned) {
      var label = truth.labelOf(EntityKind.PHONE, p);
      if (victimPhones.contains(p) && label != null && label.fraudType() != null) {
        typed++;
        typedRight += lastType.get(p) == label.fraudType() ? 1 : 0;
        typedOther += lastType.get(p) == org.fanzha.core.event.FraudType.OTHER ? 1 : 0;
        if (lastType.get(p) != label.fraudType()) {
          confusion.merge(
              label.fraudType().wireName()
                  + "→"
                  + Objects.requireNonNull(lastType.get(p)).wireName(),
              1,
              Integer::sum);
        }
      }
    }
    java.util.Collections.sort(leadMillis);
    double medianLead = leadMillis.isEmpty() ? 0 : leadMillis.get(leadMillis.size() / 2) / 60_000.0;
    int falseWarned = 0;
    for (String p : warned) {
      falseWarned += victimPhones.contains(p) || targeted.contains(p) ? 0 : 1;
    }
    double falsePer10k = falseWarned / (sim.people() / 10_000.0) / sim.days();
    List<TacticRow> tacticRows = new ArrayList<>();
    for (Map.Entry<String, Set<String>> g : world.tacticActors().entrySet()) {
      Map<Role, int[]> byRole = new java.util.EnumMap<>(Role.class);
      for (String key : g.getValue()) {
        int colon = key.indexOf(':');
        EntityKind kind = EntityKind.fromWire(key.substring(0, colon));
        String entity = key.substring(colon + 1);
        var label = truth.labelOf(Objects.requireNonNull(kind), entity);
        if (label == null || label.role() == Role.NORMAL) {
          continue; // listed by the tactic, but the story never reached it
        }
        boolean found =
            label.role() == Role.VICTIM
                ? warnedBefore.contains(entity)
                : predicted
                    .getOrDefault(kind, Map.of())
                    .getOrDefault(label.role(), Set.of())
                    .contains(entity);
        int[] c = byRole.computeIfAbsent(label.role(), k -> new int[2]);
        c[0]++;
        c[1] += found ? 1 : 0;
      }
      byRole.forEach((role, c) -> tacticRows.add(new TacticRow(g.getKey(), role, c[0], c[1])));
    }
    return new Result(
        n[0],
        millis,
        rows,
        heavy.size(),
        flagged,
        RoleScore.of(warned, victimPhones),
        normals,
        falseWarnings,
        inTime,
        byFirst,
        targetedWarned,
        targetedOnly.size(),
        typedRight,
        typedOther,
        typed,
        medianLead,
        falsePer10k,
        confusion,
        money[0],
        money[1],
        money[2],
        afterWarning,
        tacticRows,
        honestStopped.values().stream().mapToInt(Integer::intValue).sum(),
        honestStopped,
        subscriberFigures(
            engine,
            truth,
            newCards,
            fraudNumbers,
            actors.getOrDefault("call_centre", Set.of()),
            openings),
        GangPurity.of(gangs(engine, identities), world.gangs()));
  }

  /**
   * The server's gang search (its default settings) over the world, around the engine's suspects.
   */
  private static List<Gang> gangs(Engine engine, IdentityGraph identities) {
    Map<Node, Set<Role>> suspects = new java.util.HashMap<>();
    engine.forEachRisk(
        risk -> {
          if (risk.score() >= GangFinder.DEFAULT_SUSPECT_SCORE
              && GangFinder.suspect(risk.roles())) {
            suspects.put(new Node(risk.entityKind(), risk.entity()), risk.roles());
          }
        });
    return new GangFinder(GangFinder.Settings.DEFAULT).find(identities, suspects);
  }

  private static SubscriberFigures subscriberFigures(
      Engine engine,
      GroundTruth truth,
      Set<String> newCards,
      Set<String> fraudNumbers,
      Set<String> callCentre,
      int[] openings) {
    java.util.function.Predicate<String> restricted =
        p ->
            engine
                .subscriber(p)
                .map(s -> s.band() == org.fanzha.engine.subscriber.Band.D)
                .orElse(false);
    int honest = 0;
    int honestRestricted = 0;
    for (String p : newCards) {
      var label = truth.labelOf(EntityKind.PHONE, p);
      if (label == null || label.role() == Role.NORMAL) {
        honest++;
        honestRestricted += restricted.test(p) ? 1 : 0;
      }
    }
    int fraudRestricted = (int) fraudNumbers.stream().filter(restricted).count();
    int fraudAsked =
        (int)
            fraudNumbers.stream()
                .filter(
                    p ->
                        engine
                            .entity(EntityKind.PHONE, p)
                            .filter(r -> r.score() >= 70 && r.roles().contains(Role.FRAUD_NUMBER))
                            .isPresent())
                .count();
    List<String> lines =
        callCentre.stream().filter(k -> k.startsWith("phone:")).map(k -> k.substring(6)).toList();
    int linesRestricted = (int) lines.stream().filter(restricted).count();
    return new SubscriberFigures(
        honest,
        honestRestricted,
        fraudNumbers.size(),
        fraudRestricted,
        fraudAsked,
        lines.size(),
        linesRestricted,
        openings[0],
        openings[1]);
  }

  private static void explain(
      Engine engine,
      GroundTruth truth,
      Map<EntityKind, Map<Role, Set<String>>> predicted,
      Role role,
      EntityKind kind,
      int limit) {
    Set<String> p = predicted.getOrDefault(kind, Map.of()).getOrDefault(role, Set.of());
    Set<String> t = truth.entities(kind, role);
    int fp = 0;
    for (String e : p) {
      if (!t.contains(e) && fp++ < limit) {
        var label = truth.labelOf(kind, e);
        System.out.println(
            "FP "
                + role.wireName()
                + " (truth "
                + (label == null ? "-" : label.role().wireName())
                + "): "
                + describe(engine, kind, e));
      }
    }
    int fn = 0;
    for (String e : t) {
      if (!p.contains(e) && fn++ < limit) {
        System.out.println("FN " + role.wireName() + ": " + describe(engine, kind, e));
      }
    }
  }

  private static String describe(Engine engine, EntityKind kind, String e) {
    return kind.wireName()
        + " "
        + e
        + " "
        + engine
            .entity(kind, e)
            .map(
                r ->
                    r.score()
                        + " "
                        + r.roles()
                        + " "
                        + r.reasons().stream().map(x -> x.code()).toList())
            .orElse("(no risk)");
  }

  private static RoleScore score(
      Map<EntityKind, Map<Role, Set<String>>> predicted,
      GroundTruth truth,
      Role role,
      EntityKind... kinds) {
    Set<String> p = new TreeSet<>();
    Set<String> t = new TreeSet<>();
    for (EntityKind k : kinds) {
      for (String e : predicted.getOrDefault(k, Map.of()).getOrDefault(role, Set.of())) {
        p.add(k.wireName() + ":" + e);
      }
      for (String e : truth.entities(k, role)) {
        t.add(k.wireName() + ":" + e);
      }
    }
    return RoleScore.of(p, t);
  }

  /** Prints the result as a table. */
  public static void print(
      SimConfig sim, Result r, boolean text, double dissuasion, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "world: seed %d, %d people, %d days%s; %,d events replayed in %,d ms%s%n",
        sim.seed(),
        sim.people(),
        sim.days(),
        sim.tactics().isEmpty()
            ? ""
            : ", tactics " + sim.tactics().stream().map(Tactic::wireName).toList(),
        r.events(),
        r.millis(),
        text ? " (SMS text scored)" : "");
    out.println("predicted = held risk high or critical and the role among the suspected roles");
    out.printf(
        Locale.ROOT,
        "%-24s %6s %6s %6s %9s %6s %6s%n",
        "role",
        "true",
        "pred",
        "tp",
        "precision",
        "recall",
        "F1");
    for (Row row : r.rows()) {
      RoleScore s = row.score();
      out.printf(
          Locale.ROOT,
          "%-24s %6d %6d %6d %9.3f %6.3f %6.3f%n",
          row.name(),
          s.truePositives() + s.falseNegatives(),
          s.truePositives() + s.falsePositives(),
          s.truePositives(),
          s.precision(),
          s.recall(),
          s.f1());
    }
    if (!r.tactics().isEmpty()) {
      out.println(
          "adversarial tactics: of the entities a tactic produced that play a role in the truth, how many were"
              + " found (held high with that role; victims: warned before their first payment)");
      for (TacticRow t : r.tactics()) {
        out.printf(
            Locale.ROOT,
            "  %-18s %-13s %5d of %5d  (%.3f)%n",
            t.tactic(),
            t.role().wireName(),
            t.found(),
            t.total(),
            t.total() == 0 ? 0.0 : (double) t.found() / t.total());
      }
    }
    out.printf(
        Locale.ROOT,
        "benign heavy callers (incl. night shift) flagged high: %d of %d%n",
        r.heavyCallersFlagged(),
        r.heavyCallers());
    out.println(
        "honest look-alikes (labelled normal): accused = high with a fraud-side role; high = high for any reason");
    for (NormalGroup g : r.normals()) {
      out.printf(
          Locale.ROOT,
          "  %-14s %6d   accused %4d   high %4d%n",
          g.name(),
          g.size(),
          g.accused(),
          g.high());
    }
    RoleScore w = r.warnings();
    out.printf(
        Locale.ROOT,
        "victim warnings: %d of %d victims warned (recall %.3f); %d warned people were not"
            + " victims (precision %.3f)%n",
        w.truePositives(),
        w.truePositives() + w.falseNegatives(),
        w.recall(),
        w.falsePositives(),
        w.precision());
    out.println(
        "  warned non-victims by group (fraud_call_target = a long call from a fraud number; fraud_link_target ="
            + " followed a link a fraud number sent; other = none of these): "
            + r.falseWarningsByGroup());
    long victims = w.truePositives() + w.falseNegatives();
    out.printf(
        Locale.ROOT,
        "  victims warned before their first payment to a mule: %d; on it at the latest (it can be"
            + " delayed): %d; of %d%n",
        r.warnedBeforeFirstPayment(),
        r.warnedByFirstPayment(),
        victims);
    long warnedAll = w.truePositives() + w.falsePositives();
    out.printf(
        Locale.ROOT,
        "  targeted non-victims (kept >= 5 min on a call by a fraud number or followed a link one sent,"
            + " never paid; the truth has no such label): %d, warned %d; precision counting them as right: %.3f%n",
        r.targeted(),
        r.targetedWarned(),
        warnedAll == 0 ? 0.0 : (double) (w.truePositives() + r.targetedWarned()) / warnedAll);
    out.printf(
        Locale.ROOT,
        "  fraud type of the warning right for %d of %d warned victims (%.3f); 'other' for %d%n",
        r.typedRight(),
        r.typed(),
        r.typed() == 0 ? 0.0 : (double) r.typedRight() / r.typed(),
        r.typedOther());
    out.println("    wrong (truth→warned): " + r.typeConfusion());
    out.printf(
        Locale.ROOT,
        "  median lead time, first warning to first payment (victims warned before it): %.1f min%n",
        r.medianLeadMinutes());
    out.printf(
        Locale.ROOT,
        "  false warnings (neither victims nor targeted) per 10,000 people per day: %.2f%n",
        r.falseWarningsPer10kPeoplePerDay());
    out.printf(
        Locale.ROOT,
        "  honest transfers (payer no victim, neither side a mule) answered delay or hold: %d (%.2f per"
            + " 10,000 people per day); by the payer's group: %s%n",
        r.honestTransfersStopped(),
        r.honestTransfersStopped() / (sim.people() / 10_000.0) / sim.days(),
        r.honestStoppedByGroup());
    out.printf(
        Locale.ROOT,
        "  victims' payments to mules: %,d yuan, of which %,d yuan (%.1f %%) after the person's first"
            + " warning: the most that dissuading every warned person could have protected%n",
        r.victimPaidFen() / 100,
        r.paidAfterWarningFen() / 100,
        r.victimPaidFen() == 0 ? 0.0 : 100.0 * r.paidAfterWarningFen() / r.victimPaidFen());
    out.printf(
        Locale.ROOT,
        "  of those payments, answered delay or hold when they were made: %,d yuan (%.1f %%)%n",
        r.stoppedFen() / 100,
        r.victimPaidFen() == 0 ? 0.0 : 100.0 * r.stoppedFen() / r.victimPaidFen());
    long saved = protectedFen(r, sim.seed(), dissuasion);
    out.printf(
        Locale.ROOT,
        "  money protected if a warned victim is reached and stops paying with probability %.2f"
            + " (--dissuasion): %,d yuan (%.1f %%)%n",
        dissuasion,
        saved / 100,
        r.victimPaidFen() == 0 ? 0.0 : 100.0 * saved / r.victimPaidFen());
    SubscriberFigures s = r.subscribers();
    out.printf(
        Locale.ROOT,
        "  subscriber score at the end: honest cards opened during the world restricted (band D) %d"
            + " of %d; fraud numbers in band D %d of %d, asked to re-verify %d; licensed call-centre lines in band D %d of"
            + " %d; honest people's cards opened during the world refused at the card limit %d of %d%n",
        s.honestNewRestricted(),
        s.honestNew(),
        s.fraudRestricted(),
        s.fraudNumbers(),
        s.fraudAsked(),
        s.callCentreRestricted(),
        s.callCentreLines(),
        s.honestOpeningsRefused(),
        s.honestOpenings());
    GangPurity g = r.gangs();
    out.printf(
        Locale.ROOT,
        "  gangs around the suspects (%s): %d gangs, %d members (largest %d), %d of them owned by a simulated"
            + " gang; purity %.3f, completeness %.3f, %d gang ids among them%n",
        sim.gangsApart() ? "gangs kept apart" : "one linked trade",
        g.gangs(),
        g.members(),
        g.largest(),
        g.owned(),
        g.purity(),
        g.completeness(),
        g.trueGangs());
  }
}

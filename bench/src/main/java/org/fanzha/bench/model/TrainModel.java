package org.fanzha.bench.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.fanzha.bench.CommandLines;
import org.fanzha.bench.WorldSize;
import org.fanzha.bench.eval.SeedSweep;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Role;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.features.AccountFeatures;
import org.fanzha.engine.features.PhoneFeatures;
import org.fanzha.engine.model.EntityModel;
import org.fanzha.engine.model.ModelFileException;
import org.fanzha.engine.model.Models;
import org.fanzha.engine.scoring.Evaluation;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.Tactic;
import org.fanzha.sim.World;
import picocli.CommandLine;

/**
 * {@code ./fanzha train-model}: replays simulated worlds (half with every adversarial tactic, half
 * the plain city) through the engine with its rules alone, samples the phones' and accounts'
 * features as the rules saw them, labels them with the simulator's truth (fraud number, mule),
 * trains gradient-boosted trees with XGBoost and writes them as a model file the engine evaluates
 * itself. The written forest is checked against XGBoost's own predictions on every training row
 * before it is written.
 */
public final class TrainModel {

  private TrainModel() {}

  record Options(
      List<Long> seeds,
      int people,
      int days,
      int trees,
      int depth,
      boolean text,
      Path out,
      Set<String> excluded) {

    static Options parse(String[] args) {
      return CommandLines.read(new Command(), args).options();
    }
  }

  /** {@code ./fanzha train-model}'s options as picocli reads them. */
  @CommandLine.Command(
      name = "train-model",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description =
          "Train the model beside the rules on simulated worlds (half adversarial, half plain) and write it"
              + " as a model file the engine loads.")
  public static final class Command implements Callable<Integer> {
    @CommandLine.Option(
        names = "--seeds",
        paramLabel = "6001-6016",
        description = "the worlds trained on")
    String seeds = SeedSweep.TRAINED;

    @CommandLine.Mixin WorldSize world = new WorldSize();

    @CommandLine.Option(
        names = "--trees",
        paramLabel = "N",
        description = "trees per model (default 40)")
    int trees = 40;

    @CommandLine.Option(
        names = "--depth",
        paramLabel = "N",
        description = "depth of each tree (default 4)")
    int depth = 4;

    @CommandLine.Option(
        names = "--text",
        description = "score SMS text with the content model while sampling")
    boolean text;

    // how long a card or account has been open is known in the simulator for everyone but the
    // fraudsters; in a real
    // feed most openings predate it, so a model leaning on "age unknown" would accuse every old
    // card (decision 0017)
    @CommandLine.Option(
        names = "--exclude",
        paramLabel = "FEATURE,…|none",
        description = "features the model may not read (default card_age_days,age_days)")
    String exclude = "card_age_days,age_days";

    @CommandLine.Option(
        names = "--out",
        paramLabel = "model.yaml",
        description = "where the model is written")
    Path out = Path.of("model.yaml");

    Options options() {
      return new Options(
          SeedSweep.parse(seeds, true),
          world.people,
          world.days,
          trees,
          depth,
          text,
          out,
          exclude.equals("none") ? Set.of() : Set.of(exclude.split(",")));
    }

    @Override
    public Integer call()
        throws IOException, XGBoostError, ModelFileException, NoSuchAlgorithmException {
      Options o;
      try {
        o = options();
      } catch (IllegalArgumentException e) {
        System.err.println("train-model: " + e.getMessage());
        return 2;
      }
      train(o);
      return 0;
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Command()).execute(args));
  }

  private static void train(Options o)
      throws IOException, XGBoostError, ModelFileException, NoSuchAlgorithmException {
    Samples phones = new Samples(PhoneFeatures.class, new HashSet<>(), o.excluded());
    Samples accounts = new Samples(AccountFeatures.class, new HashSet<>(), o.excluded());
    EngineConfig cfg = EngineConfig.defaults().withModels(Models.none());
    if (o.text()) {
      cfg = cfg.withContentClassifier(org.fanzha.text.TextClassifiers.loadDefault());
    }
    for (int w = 0; w < o.seeds().size(); w++) {
      long seed = o.seeds().get(w);
      // alternate worlds: the adversarial city, then the plain one, so the trees learn both
      Set<Tactic> tactics = w % 2 == 0 ? Tactic.parse("all") : Set.of();
      World world =
          World.generate(SimConfig.builder(seed, o.people(), o.days()).tactics(tactics).build());
      phones.world(world.truth().entities(EntityKind.PHONE, Role.FRAUD_NUMBER));
      accounts.world(world.truth().entities(EntityKind.ACCOUNT, Role.MULE));
      Engine engine = new Engine(cfg);
      engine.tap(
          new Evaluation.Tap() {
            @Override
            public void phone(String phone, PhoneFeatures features, long now) {
              phones.offer(phone, features);
            }

            @Override
            public void account(String account, AccountFeatures features, long now) {
              accounts.offer(account, features);
            }
          });
      world.forEachEvent(
          e -> {
            engine.process(e);
            engine.drainWarnings();
          });
      System.out.printf(
          "world %d (%s): %,d phone samples (%,d fraud), %,d account samples (%,d mule) so far%n",
          seed,
          tactics.isEmpty() ? "plain" : "all tactics",
          phones.size(),
          phones.positives(),
          accounts.size(),
          accounts.positives());
    }
    String trained =
        "XGBoost "
            + o.trees()
            + " trees of depth "
            + o.depth()
            + " on seeds "
            + o.seeds().get(0)
            + "–"
            + o.seeds().get(o.seeds().size() - 1)
            + " (even: all tactics, odd: plain city), "
            + o.people()
            + " people, "
            + o.days()
            + " days"
            + (o.text() ? ", SMS text scored" : "")
            + (o.excluded().isEmpty()
                ? ""
                : "; not reading " + String.join(", ", new java.util.TreeSet<>(o.excluded())));
    EntityModel phone = train("phone", PhoneFeatures.class, phones, o);
    EntityModel account = train("account", AccountFeatures.class, accounts, o);
    // the version names the trees themselves: the day, and the start of the SHA-256 of the model as
    // written
    String digest =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(
                        new Models("-", trained, phone, account)
                            .write()
                            .getBytes(StandardCharsets.UTF_8)))
            .substring(0, 8);
    Models models = new Models(LocalDate.now() + "-" + digest, trained, phone, account);
    Files.writeString(o.out(), models.write(), StandardCharsets.UTF_8);
    Models.parse(Files.readString(o.out())); // what was written reads back
    System.out.println("wrote " + o.out() + " (" + trained + ")");
  }

  private static EntityModel train(String kind, Class<?> holder, Samples s, Options o)
      throws XGBoostError, ModelFileException {
    int d = s.inputs().size();
    float[] rows = s.rows();
    DMatrix m = new DMatrix(rows, s.size(), d, Float.NaN);
    m.setLabel(s.labels());
    Map<String, Object> p = new HashMap<>();
    p.put("objective", "binary:logistic");
    p.put("max_depth", o.depth());
    p.put("eta", 0.3);
    p.put("min_child_weight", 5);
    p.put("subsample", 0.8);
    p.put("colsample_bytree", 0.8);
    p.put("tree_method", "hist");
    p.put("seed", 7);
    p.put("nthread", 2);
    Booster b = XGBoost.train(m, p, o.trees(), new HashMap<>(), null, null);
    float[][] margins = b.predict(m, true);
    EntityModel model =
        new EntityModel(
            holder,
            s.inputs(),
            XgboostTrees.forest(b.getModelDump((String) null, true), d, rows, margins));
    Importance.print(kind, s, model);
    return model;
  }
}

package org.fanzha.server.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.fanzha.core.time.Timestamps;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.replay.Replay;
import org.fanzha.engine.replay.ReplaySummary;
import org.fanzha.engine.rules.RuleFiles;
import org.fanzha.server.FanzhaApplication;
import org.fanzha.server.runner.EngineSettings;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.SimulationSummary;
import org.fanzha.sim.Simulator;
import org.fanzha.sim.Tactic;
import org.fanzha.text.cli.ClassifyCsv;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** The subcommands of {@link FanzhaMain}. */
final class Commands {

  private Commands() {}

  /**
   * Starts Spring Boot with the given properties as command-line arguments (they win over
   * application.properties).
   */
  static void startServer(List<String> props, List<String> extra) {
    List<String> args = new ArrayList<>();
    for (String p : props) {
      args.add("--" + p);
    }
    args.addAll(extra);
    SpringApplication.run(FanzhaApplication.class, args.toArray(String[]::new));
    FanzhaMain.serverStarted = true;
  }

  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description =
          "Run the server: REST API (/api/v1/events, /api/v1/decide, /api/v1/entities/{kind}/{id}), "
              + "console (/), health (/actuator/health), OpenAPI (/v3/api-docs, /swagger-ui.html).")
  static final class Serve implements Callable<Integer> {
    @Option(
        names = "--port",
        defaultValue = "8080",
        description = "HTTP port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(
        names = "--data",
        defaultValue = "./data",
        description = "folder of the H2 database (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(
        names = "--db-url",
        description =
            "JDBC URL of the database instead (jdbc:postgresql://… or jdbc:h2:…); "
                + "user and password from FANZHA_DB_USER / FANZHA_DB_PASSWORD")
    String dbUrl;

    @Option(
        names = "--bind",
        description =
            "address to listen on (default: env FANZHA_BIND, else 127.0.0.1; 0.0.0.0 for every interface)")
    String bind;

    @Option(
        names = "--runner",
        defaultValue = "embedded",
        description =
            "embedded: score in this process; flink: send "
                + "accepted events to the Flink job over Kafka and read its results (docs/deploy-flink.md) (default: ${DEFAULT-VALUE})")
    String runner;

    @Option(
        names = "--kafka",
        description = "Kafka host:port list where the Flink job reads and writes (--runner flink)")
    String kafka;

    @Unmatched List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() {
      if (!runner.equals("embedded") && !runner.equals("flink")) {
        System.err.println("--runner: must be embedded or flink, not " + runner);
        return 2;
      }
      if (runner.equals("flink") && kafka == null) {
        System.err.println("--runner flink needs --kafka host:port (the job's Kafka)");
        return 2;
      }
      List<String> p =
          new ArrayList<>(
              List.of("server.port=" + port, "fanzha.data=" + data, "fanzha.runner=" + runner));
      if (kafka != null) {
        p.add("fanzha.kafka.bootstrap-servers=" + kafka);
      }
      if (bind != null) {
        p.add("server.address=" + bind);
      }
      if (dbUrl != null) {
        p.add("fanzha.db-url=" + dbUrl);
      }
      startServer(p, springArgs);
      return 0;
    }
  }

  @Command(
      name = "demo",
      mixinStandardHelpOptions = true,
      description =
          "Run the server with a simulated city streamed into it in accelerated real time; "
              + "open http://localhost:PORT for the live console.")
  static final class Demo implements Callable<Integer> {
    @Option(
        names = "--port",
        defaultValue = "8080",
        description = "HTTP port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(
        names = "--data",
        defaultValue = "./data/demo",
        description = "folder of the demo's H2 database (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(
        names = "--seed",
        defaultValue = "20261127",
        description = "seed of the simulated city (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
        names = "--people",
        defaultValue = "3000",
        description = "residents (default: ${DEFAULT-VALUE})")
    int people;

    @Option(
        names = "--days",
        defaultValue = "7",
        description = "simulated days (default: ${DEFAULT-VALUE})")
    int days;

    @Option(
        names = "--speed",
        defaultValue = "1800",
        description =
            "simulated seconds per real second (default: ${DEFAULT-VALUE}, one hour every 2 s)")
    double speed;

    @Option(
        names = "--demo-password",
        defaultValue = "demo",
        description =
            "password of the demo analyst 'demo' and reviewer 'reviewer' (default: ${DEFAULT-VALUE})")
    String password;

    @Unmatched List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() {
      // A laptop demonstration: loopback only, so its known password and open intake reach nobody
      // else.
      startServer(
          List.of(
              "server.port=" + port,
              "server.address=127.0.0.1",
              "fanzha.data=" + data,
              "fanzha.demo.enabled=true",
              "fanzha.demo.seed=" + seed,
              "fanzha.demo.people=" + people,
              "fanzha.demo.days=" + days,
              "fanzha.demo.speed=" + speed,
              "fanzha.security.demo-user.password=" + password,
              "fanzha.security.reviewer-user.password=" + password,
              "fanzha.security.open-ingest=true"),
          springArgs);
      System.out.println();
      System.out.println(
          "  Fanzha demo: http://localhost:" + port + "/   (sign in as demo / " + password + ")");
      System.out.println(
          "  public portal: http://localhost:"
              + port
              + "/portal   appeals: sign in as reviewer / "
              + password);
      System.out.println();
      return 0;
    }
  }

  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description =
          "Run the engine over an NDJSON events file as the live system would; write decisions.ndjson, "
              + "entities.ndjson, warnings.ndjson and summary.json into the output folder (EVENTS.md).")
  static final class ReplayCmd implements Callable<Integer> {
    @Option(names = "--events", required = true, description = "NDJSON events file, in time order")
    Path events;

    @Option(names = "--out", required = true, description = "output folder (created if missing)")
    Path out;

    @Option(
        names = "--rules",
        description =
            "score with this rule file (API.md \"Rule file\") instead of the shipped rules")
    @Nullable Path rules;

    @Option(
        names = "--no-text",
        description = "do not score SMS text with the shipped content model (the server does)")
    boolean noText;

    @Option(
        names = "--runner",
        defaultValue = "embedded",
        description =
            "embedded (this JVM, one thread) or flink (the Flink job on a local mini-cluster; the ./fanzha "
                + "launcher hands it to flink/target/fanzha-flink.jar)")
    String runner;

    @Option(names = "--parallelism", description = "task slots for --runner flink")
    @Nullable Integer parallelism;

    @Override
    public Integer call() throws Exception {
      if (runner.equals("flink")) {
        System.err.println(
            "--runner flink: the Flink runner lives in its own jar; run ./fanzha replay --runner flink … "
                + "or java -jar flink/target/fanzha-flink.jar replay …");
        return 2;
      }
      if (!runner.equals("embedded")) {
        System.err.println("--runner: must be embedded or flink, not " + runner);
        return 2;
      }
      if (parallelism != null && parallelism != 1) {
        System.err.println(
            "--parallelism: the embedded runner scores on one thread; use --runner flink for more");
        return 2;
      }
      EngineConfig config;
      try {
        config = EngineSettings.load(rules, !noText);
      } catch (RuleFiles.InvalidRuleFile e) {
        System.err.println(e.getMessage());
        return 1;
      }
      ReplaySummary s = Replay.run(events, out, config);
      System.out.println(s.describe());
      System.out.println(
          "wrote "
              + out.resolve("decisions.ndjson")
              + ", entities.ndjson, warnings.ndjson, summary.json");
      return 0;
    }
  }

  @Command(
      name = "simulate",
      mixinStandardHelpOptions = true,
      description =
          "Write a deterministic synthetic city's events (NDJSON, time order) and, beside them, its ground "
              + "truth (<out>.truth.ndjson style file named by the simulator).")
  static final class Simulate implements Callable<Integer> {
    @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
        names = "--people",
        defaultValue = "10000",
        description = "residents (default: ${DEFAULT-VALUE})")
    int people;

    @Option(
        names = "--days",
        defaultValue = "7",
        description = "simulated days (default: ${DEFAULT-VALUE})")
    int days;

    @Option(
        names = "--start",
        description =
            "first simulated instant, ISO-8601 with offset (default: 2026-11-01T00:00:00+08:00)")
    String start;

    @Option(
        names = "--out",
        defaultValue = "events.ndjson",
        description = "events file (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(
        names = "--tactics",
        defaultValue = "none",
        description =
            "adversarial switches: all, none or a comma-separated list (rented_old_cards, slow_mules, "
                + "cash_out_desks, four_tiers, rebates, call_centre, relative_asks); default: ${DEFAULT-VALUE}")
    String tactics;

    @Option(
        names = "--gangs-apart",
        description =
            "each gang (one per card dealer) keeps its own farms, hook numbers and mules; by default the"
                + " dealers supply every gang and one mule pool serves all. Gang ids go to <out>.gangs.ndjson"
                + " either way")
    boolean gangsApart;

    @Override
    public Integer call() throws Exception {
      SimConfig.Builder b =
          SimConfig.builder(seed, people, days)
              .tactics(Tactic.parse(tactics))
              .gangsApart(gangsApart);
      if (start != null) {
        b.startMillis(Timestamps.parseIso(start));
      }
      SimulationSummary s = Simulator.writeFiles(b.build(), out);
      System.out.print(s.describe());
      return 0;
    }
  }

  @Command(
      name = "evaluate",
      description =
          "Precision / recall / F1 of detection on labelled data (runs from the bench module: use ./fanzha evaluate).")
  static final class Evaluate implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>(); // accepted, so that any options get the message below

    @Override
    public Integer call() throws Exception {
      return inBenchJar("evaluate");
    }
  }

  @Command(
      name = "train-model",
      description =
          "Train the model beside the rules on simulated worlds with XGBoost and "
              + "write it as a model file (runs from the bench module: use ./fanzha train-model).")
  static final class TrainModel implements Callable<Integer> {
    @Unmatched List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      return inBenchJar("train-model");
    }
  }

  @Command(
      name = "bench",
      description = "JMH benchmarks (runs from the bench module: use ./fanzha bench).")
  static final class Bench implements Callable<Integer> {
    @Unmatched List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      return inBenchJar("bench");
    }
  }

  @Command(
      name = "classify",
      mixinStandardHelpOptions = true,
      description =
          "Classify SMS / call-transcript text by fraud type: one text (--text), or a CSV file's column into a "
              + "copy with fraud_type, score and reasons added.")
  static final class Classify implements Callable<Integer> {
    @Option(names = "--text", description = "one text to classify")
    @Nullable String text;

    @Option(names = "--input", paramLabel = "IN.csv", description = "a CSV file with a header row")
    @Nullable Path input;

    @Option(
        names = "--text-column",
        paramLabel = "NAME",
        description = "the column holding the text")
    @Nullable String column;

    @Option(
        names = "--output",
        paramLabel = "OUT.csv",
        description = "where the classified copy goes")
    @Nullable Path output;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (text != null) {
        System.out.println(ClassifyCsv.describe(ClassifyCsv.classifyOne(text)));
        return 0;
      }
      if (input == null || column == null || output == null) {
        throw new ParameterException(
            spec.commandLine(), "give --text, or --input, --text-column and --output");
      }
      long t0 = System.nanoTime();
      ClassifyCsv.Summary s = ClassifyCsv.run(input, column, output);
      System.out.printf(
          Locale.ROOT,
          "%d rows: %d fraud, %d spam -> %s (%.1f s)%n",
          s.rows(),
          s.fraud(),
          s.spam(),
          output,
          (System.nanoTime() - t0) / 1e9);
      return 0;
    }
  }

  /**
   * Says where a command of the bench jar runs: this jar does not carry JMH, XGBoost and the
   * evaluations, and the {@code fanzha} script sends these commands to the bench jar's own tree
   * ({@code org.fanzha.bench.BenchMain}).
   */
  static int inBenchJar(String command) {
    System.err.println(
        "'"
            + command
            + "' runs from the bench jar: ./fanzha "
            + command
            + " from the repository root (./fanzha bench-tools lists its commands).");
    return 2;
  }
}

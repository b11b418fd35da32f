package org.fanzha.bench;

import java.util.ArrayList;
import java.util.List;
import org.fanzha.bench.engine.DecisionDigest;
import org.fanzha.bench.engine.EnginePairs;
import org.fanzha.bench.engine.EngineScaling;
import org.fanzha.bench.engine.EngineStateSize;
import org.fanzha.bench.engine.ReplayBenchmark;
import org.fanzha.bench.engine.rules.RuleSwapBench;
import org.fanzha.bench.eval.Evaluate;
import org.fanzha.bench.graph.EvaluateTracing;
import org.fanzha.bench.graph.FundTraceBench;
import org.fanzha.bench.graph.GangBench;
import org.fanzha.bench.graph.baseline.PostgresRecursiveTrace;
import org.fanzha.bench.lists.ListMemory;
import org.fanzha.bench.model.TrainModel;
import org.fanzha.bench.text.EvaluateText;
import org.fanzha.text.train.TrainMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * The commands of the bench jar, one picocli tree: what {@code ./fanzha evaluate}, {@code
 * train-model}, {@code bench} and the measuring tools run. The server jar's tree lists the first
 * three and sends to this one (issue 14), so that the server does not carry JMH, XGBoost and the
 * evaluations.
 */
@Command(
    name = "fanzha",
    mixinStandardHelpOptions = true,
    version = "Fanzha (反诈) 0.1.0",
    description = "Fanzha's evaluations, training and benchmarks (the bench jar).%n",
    subcommands = {
      Evaluate.Command.class,
      TrainModel.Command.class,
      BenchMain.Jmh.class,
      TrainMain.class,
      EvaluateText.class,
      EvaluateTracing.class,
      ReplayBenchmark.class,
      EngineStateSize.class,
      EngineScaling.class,
      EnginePairs.class,
      DecisionDigest.class,
      ListMemory.class,
      FundTraceBench.class,
      GangBench.class,
      PostgresRecursiveTrace.class,
      RuleSwapBench.class
    },
    commandListHeading = "%nCommands:%n")
public final class BenchMain implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** JMH, with its own options ({@code -h} lists them). */
  @Command(
      name = "bench",
      description = "JMH benchmarks: a name pattern and JMH's options (-h lists them).")
  static final class Jmh implements Runnable {
    @Unmatched List<String> args = new ArrayList<>();

    @Override
    public void run() {
      try {
        org.openjdk.jmh.Main.main(args.toArray(String[]::new));
      } catch (Exception e) {
        throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
      }
    }
  }

  public static void main(String[] args) {
    System.exit(
        new CommandLine(new BenchMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
  }
}

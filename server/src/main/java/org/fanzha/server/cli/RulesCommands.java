package org.fanzha.server.cli;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.replay.Backtest;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.RuleFiles;
import org.fanzha.engine.rules.lang.Field;
import org.fanzha.server.runner.EngineSettings;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The commands that work with rule files without a server: check, list the catalogue, show,
 * back-test.
 */
final class RulesCommands {

  private RulesCommands() {}

  @Command(
      name = "rules",
      mixinStandardHelpOptions = true,
      description = "Work with rule files (API.md \"Rule file\").",
      subcommands = {Check.class, Features.class, Show.class})
  static final class Rules implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(System.out);
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description =
          "Check a rule file: exit 0 when it is valid, else 1 and one line per problem (FILE:LINE:COLUMN: message).")
  static final class Check implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the rule file")
    Path file;

    @Override
    public Integer call() {
      try {
        RuleBook b = RuleFiles.load(file);
        int rules = 0;
        for (var k : org.fanzha.engine.rules.file.RuleSpec.Kind.values()) {
          rules += b.rules(k).rules().size();
        }
        System.out.println(
            file + ": valid, " + rules + " enabled rules, " + b.params().size() + " params");
        return 0;
      } catch (RuleFiles.InvalidRuleFile e) {
        System.out.println(e.getMessage());
        return 1;
      }
    }
  }

  @Command(
      name = "features",
      mixinStandardHelpOptions = true,
      description =
          "The feature catalogue: every name a rule may read, by entity kind, with its type and meaning.")
  static final class Features implements Callable<Integer> {
    @Override
    public Integer call() {
      for (Map.Entry<String, Collection<Field>> e : RuleBook.catalogue().entrySet()) {
        boolean event = e.getKey().equals("event");
        System.out.println(
            event
                ? "event.<field> (the event being scored; a field it lacks is missing):"
                : "features.<name> for rules that apply to " + e.getKey() + ":");
        for (Field f : e.getValue()) {
          System.out.printf(Locale.ROOT, "  %-24s %-7s %s%n", f.name(), f.type(), f.meaning());
        }
        System.out.println();
      }
      System.out.println(
          "params.<group>.<name>: the numbers under params: in the rule file; ./fanzha rules show prints the shipped ones.");
      return 0;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Print the shipped rule file (a starting point for your own).")
  static final class Show implements Callable<Integer> {
    @Override
    public Integer call() {
      System.out.print(RuleBook.defaultText());
      return 0;
    }
  }

  @Command(
      name = "backtest",
      mixinStandardHelpOptions = true,
      description =
          "Score a recorded events file with a rule file beside the shipped rules; write DIR/backtest.json: hits and "
              + "entities per rule, levels, roles (precision and recall with a truth file or label events), the difference.")
  static final class BacktestCmd implements Callable<Integer> {
    @Option(names = "--events", required = true, description = "NDJSON events file, in time order")
    Path events;

    @Option(names = "--rules", required = true, description = "the rule file to try")
    Path rules;

    @Option(names = "--out", required = true, description = "output folder (created if missing)")
    Path out;

    @Option(
        names = "--truth",
        description =
            "label events (e.g. the simulator's .truth.ndjson) to measure precision and recall")
    @Nullable Path truth;

    @Option(
        names = "--baseline",
        description = "compare with this rule file instead of the shipped rules")
    @Nullable Path baseline;

    @Option(
        names = "--max-hit-share",
        defaultValue = "0.25",
        description =
            "flag a positive rule that fires on more than this share of events (default: ${DEFAULT-VALUE})")
    double maxHitShare;

    @Option(
        names = "--no-text",
        description = "do not score SMS text with the shipped content model")
    boolean noText;

    @Override
    public Integer call() throws Exception {
      RuleBook candidate;
      RuleBook base;
      try {
        candidate = RuleFiles.load(rules);
        base = baseline == null ? RuleBook.defaults() : RuleFiles.load(baseline);
      } catch (RuleFiles.InvalidRuleFile e) {
        System.err.println(e.getMessage());
        return 1;
      }
      EngineConfig config = EngineSettings.load(null, !noText);
      Backtest.Report r = Backtest.run(events, config, candidate, base, truth, maxHitShare);
      Files.createDirectories(out);
      Path file = out.resolve("backtest.json");
      try (OutputStream o = Files.newOutputStream(file)) {
        Backtest.write(r, o);
      }
      List<String> loud = Backtest.tooFrequent(r);
      System.out.printf(
          Locale.ROOT,
          "%,d events; %d rules; raised to high %,d, dropped from high %,d; wrote %s%n",
          r.events(),
          r.rules().size(),
          r.diff().raisedToHigh(),
          r.diff().droppedFromHigh(),
          file);
      if (!loud.isEmpty()) {
        System.out.println(
            "fires on more than "
                + maxHitShare * 100
                + "% of events (check before publishing): "
                + String.join(", ", loud));
      }
      return 0;
    }
  }
}

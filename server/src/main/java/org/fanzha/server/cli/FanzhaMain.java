package org.fanzha.server.cli;

import org.fanzha.graph.cli.TraceCli;
import org.fanzha.server.cli.Commands.Bench;
import org.fanzha.server.cli.Commands.Classify;
import org.fanzha.server.cli.Commands.Demo;
import org.fanzha.server.cli.Commands.Evaluate;
import org.fanzha.server.cli.Commands.ReplayCmd;
import org.fanzha.server.cli.Commands.Serve;
import org.fanzha.server.cli.Commands.Simulate;
import org.fanzha.server.cli.Commands.TrainModel;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fanzha} command. {@code serve} and {@code demo} start the Spring Boot server and keep
 * running; the others run without Spring (so they start fast) and exit with their status.
 */
@Command(
    name = "fanzha",
    mixinStandardHelpOptions = true,
    version = "Fanzha (反诈) 0.1.0",
    description = "Fanzha (反诈): open anti-telecom-and-online-fraud platform.%n",
    subcommands = {
      Serve.class,
      Demo.class,
      ReplayCmd.class,
      Simulate.class,
      Evaluate.class,
      TrainModel.class,
      Bench.class,
      DecideLoad.class,
      TraceCli.class,
      Classify.class,
      RulesCommands.Rules.class,
      RulesCommands.BacktestCmd.class,
      AuditCommands.Audit.class,
      AutoComplete.GenerateCompletion.class
    },
    commandListHeading = "%nCommands:%n",
    footer = {
      "",
      "Run 'fanzha COMMAND --help' for a command's options; 'fanzha bench-tools' lists the evaluations and "
          + "benchmarks of the bench jar. Data contract: EVENTS.md."
    })
public final class FanzhaMain implements Runnable {

  /** Set by serve/demo once the server is up: the JVM must then outlive main. */
  static volatile boolean serverStarted;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Runs the command line; exits unless a server was started. */
  public static void main(String[] args) {
    int code =
        new CommandLine(new FanzhaMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    if (!serverStarted || code != 0) {
      System.exit(code);
    }
  }
}

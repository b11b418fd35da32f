package org.fanzha.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The bench jar's commands are one picocli tree: each answers --help, and a mistake is named with
 * exit code 2.
 */
class BenchMainTest {

  private static CommandLine tree(StringWriter out, StringWriter err) {
    return new CommandLine(new BenchMain())
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err));
  }

  @Test
  void everyCommandHasADescriptionAndAnswersHelp() {
    CommandLine root = tree(new StringWriter(), new StringWriter());
    assertThat(root.getSubcommands().keySet())
        .contains(
            "evaluate",
            "train-model",
            "bench",
            "train-text",
            "evaluate-text",
            "evaluate-tracing",
            "replay-benchmark",
            "engine-state-size",
            "decision-digest",
            "list-memory",
            "fund-trace-bench",
            "gang-bench",
            "postgres-recursive-trace");
    root.getSubcommands()
        .forEach(
            (name, cmd) -> {
              assertThat(cmd.getCommandSpec().usageMessage().description()).as(name).isNotEmpty();
              if (!name.equals("bench")) { // JMH reads its own options
                StringWriter out = new StringWriter();
                int code = tree(out, new StringWriter()).execute(name, "--help");
                assertThat(code).as(name).isZero();
                assertThat(out.toString()).as(name).startsWith("Usage: fanzha " + name);
              }
            });
  }

  @Test
  void anUnknownOption_isNamed_andExitsWithTwo() {
    StringWriter err = new StringWriter();
    int code = tree(new StringWriter(), err).execute("gang-bench", "--bogus");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option: '--bogus'");
  }

  @Test
  void aCount_readsWithOrWithoutDigitSeparators() {
    CommandLines.Count count = new CommandLines.Count();
    assertThat(count.convert("10_000_000")).isEqualTo(10_000_000);
    assertThat(count.convert("5000")).isEqualTo(5000);
  }
}

package org.fanzha.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./fanzha simulate}: the one command line of the simulator, with its adversarial switches.
 */
class SimulateCommandTest {

  @TempDir Path dir;

  private int run(StringWriter err, String... args) {
    CommandLine cl = new CommandLine(new FanzhaMain());
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void tactics_makeTheAdversarialCityAndItsTruth() throws Exception {
    Path plain = dir.resolve("plain.ndjson");
    Path adversarial = dir.resolve("adv.ndjson");

    assertThat(
            run(
                new StringWriter(),
                "simulate",
                "--seed",
                "3",
                "--people",
                "600",
                "--days",
                "2",
                "--out",
                plain.toString()))
        .isZero();
    assertThat(
            run(
                new StringWriter(),
                "simulate",
                "--seed",
                "3",
                "--people",
                "600",
                "--days",
                "2",
                "--tactics",
                "call_centre,relative_asks",
                "--out",
                adversarial.toString()))
        .isZero();

    // the look-alikes' events carry their generator's id prefix "l"; the default city has none
    assertThat(Files.readString(plain)).doesNotContain("\"id\":\"l");
    assertThat(Files.readString(adversarial)).contains("\"id\":\"l").contains("营业厅-政企");
    assertThat(Files.exists(dir.resolve("adv.truth.ndjson"))).isTrue();
  }

  @Test
  void tactics_unknownNameIsRefusedNamingTheKnownOnes() {
    StringWriter err = new StringWriter();

    int code =
        run(err, "simulate", "--tactics", "slow_mule", "--out", dir.resolve("x.ndjson").toString());

    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("unknown tactic 'slow_mule'").contains("slow_mules");
    assertThat(Files.exists(dir.resolve("x.ndjson"))).isFalse();
  }
}

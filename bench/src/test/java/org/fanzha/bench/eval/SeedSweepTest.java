package org.fanzha.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fanzha.engine.EngineConfig;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.Tactic;
import org.junit.jupiter.api.Test;

class SeedSweepTest {

  @Test
  void parse_rangesAndListsInOrder() {
    assertThat(SeedSweep.parse("4401-4403", false)).containsExactly(4401L, 4402L, 4403L);
    assertThat(SeedSweep.parse("4401, 4502,4603-4604", false))
        .containsExactly(4401L, 4502L, 4603L, 4604L);
  }

  @Test
  void parse_refusesSeedsTheRulesWereTunedOnUnlessAllowed() {
    assertThatThrownBy(() -> SeedSweep.parse("8100-8102", false))
        .hasMessageContaining("seed 8101 was used to change");
    assertThat(SeedSweep.parse("8100-8102", true)).containsExactly(8100L, 8101L, 8102L);
  }

  @Test
  void parse_malformedOrBackwards() {
    assertThatThrownBy(() -> SeedSweep.parse("44x01", false))
        .hasMessageContaining("'44x01' is not a seed");
    assertThatThrownBy(() -> SeedSweep.parse("10-5", false))
        .hasMessageContaining("must run upwards");
  }

  @Test
  void run_printsEachFigureWithItsSpreadAndTheTacticTotals() throws InterruptedException {
    List<SimConfig> worlds =
        List.of(
            SimConfig.builder(31, 600, 2).tactics(Tactic.parse("all")).build(),
            SimConfig.builder(32, 600, 2).tactics(Tactic.parse("all")).build());
    List<Evaluate.Result> results = SeedSweep.run(worlds, EngineConfig::defaults, 2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SeedSweep.print(
        worlds, results, false, 0.5, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(results).hasSize(2);
    assertThat(results.get(0).events())
        .isNotEqualTo(results.get(1).events()); // two different worlds, in seed order
    assertThat(out)
        .contains("2 worlds: seeds [31, 32]")
        .contains("fraud_number recall")
        .contains("per tactic")
        .contains("call_centre")
        .contains("victims' money protected at dissuasion 0.50")
        .contains("fraud type wrong, over all worlds (truth→warned)");
    double mean =
        (results.get(0).score("mule").recall() + results.get(1).score("mule").recall()) / 2;
    assertThat(out)
        .containsPattern("mule recall\\s+" + String.format(java.util.Locale.ROOT, "%.3f", mean));
  }
}

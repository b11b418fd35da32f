package org.fanzha.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.fanzha.sim.Tactic;
import org.junit.jupiter.api.Test;

/** The evaluate command line: what it accepts, and a message naming each mistake. */
class EvaluateOptionsTest {

  @Test
  void parse_seedsTacticsAndText() throws Exception {
    Evaluate.Options o =
        Evaluate.Options.parse(new String[] {"--seeds", "4801-4802", "--tactics", "all", "--text"});

    assertThat(o.seeds()).containsExactly(4801L, 4802L);
    assertThat(o.tactics()).containsExactlyInAnyOrder(Tactic.values());
    assertThat(o.text()).isTrue();
  }

  @Test
  void parse_theWorldsSize_orItsDefault() throws Exception {
    Evaluate.Options o = Evaluate.Options.parse(new String[] {"--people", "2500", "--days", "3"});
    assertThat(o.people()).isEqualTo(2500);
    assertThat(o.days()).isEqualTo(3);
    Evaluate.Options d = Evaluate.Options.parse(new String[0]);
    assertThat(d.people()).isEqualTo(10_000);
    assertThat(d.days()).isEqualTo(7);
  }

  @Test
  void parse_mistakesAreNamed() {
    assertThatThrownBy(() -> Evaluate.Options.parse(new String[] {"--bogus"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown option: '--bogus'");
    assertThatThrownBy(() -> Evaluate.Options.parse(new String[] {"--seed"}))
        .hasMessageContaining("Missing required parameter for option '--seed'");
    assertThatThrownBy(() -> Evaluate.Options.parse(new String[] {"--seeds", "8202"}))
        .hasMessageContaining("seed 8202 was used to change the rules");
    assertThatThrownBy(() -> Evaluate.Options.parse(new String[] {"--people", "ten"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ten' is not an int");
    assertThatThrownBy(() -> Evaluate.Options.parse(new String[] {"--dissuasion", "1.5"}))
        .hasMessage("--dissuasion is a share between 0 and 1, not 1.5");
  }

  @Test
  void help_listsEveryOption() {
    java.io.StringWriter usage = new java.io.StringWriter();
    new picocli.CommandLine(new Evaluate.Command()).usage(new java.io.PrintWriter(usage));
    assertThat(usage.toString())
        .contains(
            "evaluate",
            "--seeds",
            "--allow-tuned",
            "--tactics",
            "--model",
            "--text",
            "--explain",
            "--dissuasion",
            "--help");
  }

  @Test
  void parse_dissuasionDefaultsToTheDocumentedAssumption() throws Exception {
    assertThat(Evaluate.Options.parse(new String[] {}).dissuasion()).isEqualTo(Evaluate.DISSUASION);
    assertThat(Evaluate.Options.parse(new String[] {"--dissuasion", "0.8"}).dissuasion())
        .isEqualTo(0.8);
  }

  @Property(tries = 200)
  void protectedMoney_growsWithTheRateFromNothingToAllThatWasPaidAfterAWarning(
      @ForAll @Size(max = 40)
          Map<
                  @LongRange(min = 1, max = 1_000_000) Long,
                  @LongRange(min = 1, max = 100_000_000) Long>
              paid,
      @ForAll long seed,
      @ForAll @DoubleRange(min = 0, max = 1) double a,
      @ForAll @DoubleRange(min = 0, max = 1) double b) {
    Map<String, Long> byVictim = new java.util.TreeMap<>();
    paid.forEach((phone, fen) -> byVictim.put("+86" + phone, fen));
    long all = byVictim.values().stream().mapToLong(Long::longValue).sum();
    assertThat(Evaluate.protectedFen(byVictim, seed, 0)).isZero();
    assertThat(Evaluate.protectedFen(byVictim, seed, 1)).isEqualTo(all);
    assertThat(Evaluate.protectedFen(byVictim, seed, Math.min(a, b)))
        .isLessThanOrEqualTo(Evaluate.protectedFen(byVictim, seed, Math.max(a, b)));
  }
}

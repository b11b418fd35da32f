package org.fanzha.engine.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.fanzha.engine.scoring.NumberView.NumberRisk;

class NumberCopiesTest {

  /** One number's risk as the ACTOR stage sends it; a fifth of them nothing to read (dropped). */
  record Sent(String number, NumberRisk risk) {}

  @Provide
  Arbitrary<Sent> sent() {
    Arbitrary<NumberRisk> risks =
        Combinators.combine(
                Arbitraries.integers().between(0, 100),
                Arbitraries.longs(),
                Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 20))
            .as(NumberRisk::new);
    return Combinators.combine(
            Arbitraries.of("+8613800000001", "+8613800000002", "+8617000000003", "96110"),
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, risks),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(NumberRisk.NONE))))
        .as(Sent::new);
  }

  /**
   * Each number reads the last risk sent for it, also after a snapshot; one sent nothing to read is
   * forgotten.
   */
  @Property(tries = 300)
  void copies_holdTheLastRiskSent(@ForAll @Size(max = 40) List<@From("sent") Sent> sends)
      throws IOException {
    NumberCopies copies = new NumberCopies();
    Map<String, NumberRisk> last = new HashMap<>();
    for (Sent s : sends) {
      copies.put(s.number(), s.risk());
      last.put(s.number(), s.risk());
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      copies.write(out);
    }
    NumberCopies restored = new NumberCopies();
    restored.put("+8619900000000", new NumberRisk(80, 1, 1, 1)); // what a restore replaces
    restored.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    for (NumberCopies c : List.of(copies, restored)) {
      last.forEach((number, risk) -> assertThat(c.of(number)).isEqualTo(risk));
      assertThat(c.size())
          .isEqualTo(last.values().stream().filter(r -> !r.equals(NumberRisk.NONE)).count());
      assertThat(c.of("+8619900000000")).isEqualTo(NumberRisk.NONE);
    }
  }
}

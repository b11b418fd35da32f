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

  /**
   * The copies a people's share keeps beside its keys travel with their reasons as rule codes: an
   * engine that gave the codes other bits reads the same reasons (decision 0042).
   */
  @net.jqwik.api.Example
  void copiesKeptBesideTheKeys_keepTheirReasonsWhereTheCodesHaveOtherBits() throws Exception {
    String shipped = org.fanzha.engine.rules.RuleBook.defaultText();
    int rules = shipped.indexOf("\nrules:\n") + "\nrules:\n".length();
    String phoneRuleFirst =
        shipped.substring(0, rules)
            + """
              - code: PH_NEVER
                applies_to: phone
                weight: 10
                when: "features.out_calls >= 1000000000"
                reason: {zh: "从不触发", en: "Never fires"}
            """
            + shipped.substring(rules);
    EngineState wrote = EngineState.forOneKey();
    wrote.codes.adopt(org.fanzha.engine.rules.RuleBook.defaults());
    EngineState reads = EngineState.forOneKey();
    reads.codes.adopt(org.fanzha.engine.rules.RuleBook.parse(phoneRuleFirst));
    wrote.keyed(Stage.PERSON);
    reads.keyed(Stage.PERSON);
    var phone = org.fanzha.engine.rules.file.RuleSpec.Kind.PHONE;
    String code = java.util.Objects.requireNonNull(wrote.codes.code(phone, 3));
    assertThat(reads.codes.bit(phone, code)).as("another bit there").isNotEqualTo(3);
    wrote.numberCopies.put("+8613800000001", new NumberRisk(80, 1L << 3, 1, 2));

    KeyState.restoreGroup(reads, java.util.Objects.requireNonNull(KeyState.exportGroup(wrote)));

    assertThat(reads.numberCopies.of("+8613800000001"))
        .isEqualTo(new NumberRisk(80, 1L << reads.codes.bit(phone, code), 1, 2));
  }
}

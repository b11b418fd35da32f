package org.fanzha.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.rules.file.RuleFileException;
import org.fanzha.engine.rules.file.RuleSpec;
import org.junit.jupiter.api.Test;

class RuleCodesTest {

  private static RuleBook phoneRules(String... codesAndWeights) throws RuleFileException {
    StringBuilder y = new StringBuilder("rules:\n");
    for (int i = 0; i < codesAndWeights.length; i += 2) {
      y.append("  - {code: ")
          .append(codesAndWeights[i])
          .append(", applies_to: phone, weight: ")
          .append(codesAndWeights[i + 1])
          .append(", when: 'true', reason: {zh: 中")
          .append(i)
          .append(", en: e")
          .append(i)
          .append("}}\n");
    }
    return RuleBook.parse(y.toString());
  }

  @Test
  void adopt_keepsACodesBitAcrossBooksSoStoredMasksStillNameTheSameRules()
      throws RuleFileException {
    RuleCodes codes = new RuleCodes();
    long[] first = codes.adopt(phoneRules("PH_A", "30", "PH_B", "20")).get(RuleSpec.Kind.PHONE);
    long storedMask =
        RuleCodes.toBits(0b11, first); // an entity scored under the first book: A and B fired

    Map<RuleSpec.Kind, long[]> second = codes.adopt(phoneRules("PH_C", "50", "PH_B", "25"));

    assertThat(second.get(RuleSpec.Kind.PHONE))
        .containsExactly(1L << 2, 1L << 1); // C is new, B kept its bit
    // A, retired, still explains the old mask with its last weight (30); B is ordered by its latest
    // (25)
    assertThat(codes.reasons(RuleSpec.Kind.PHONE, storedMask))
        .extracting(Reason::code)
        .containsExactly("PH_A", "PH_B");
    assertThat(codes.reasons(RuleSpec.Kind.PHONE, storedMask | 1L << 2))
        .extracting(Reason::code)
        .containsExactly("PH_C", "PH_A", "PH_B");
  }

  @Test
  void reasons_strongestFirstMitigationsLastAndCached() throws RuleFileException {
    RuleCodes codes = new RuleCodes();
    codes.adopt(phoneRules("PH_A", "50", "PH_B", "40", "PH_C", "60", "PH_M", "-50"));
    assertThat(codes.reasons(RuleSpec.Kind.PHONE, 0b1111))
        .extracting(Reason::code)
        .containsExactly("PH_C", "PH_A", "PH_B", "PH_M");
    assertThat(codes.reasons(RuleSpec.Kind.PHONE, 0b1111))
        .isSameAs(codes.reasons(RuleSpec.Kind.PHONE, 0b1111));
  }

  @Test
  void reasons_ofMoreMasksThanItKeepsAtHand_eachNamesItsOwnRules_andANewBookReordersThem()
      throws RuleFileException {
    RuleCodes codes = new RuleCodes();
    String[] rising = new String[20]; // code i weighs 10 + 5i: the higher bit, the stronger
    String[] falling = new String[20];
    for (int i = 0; i < 10; i++) {
      rising[2 * i] = falling[2 * i] = "PH_" + i;
      rising[2 * i + 1] = String.valueOf(10 + 5 * i);
      falling[2 * i + 1] = String.valueOf(60 - 5 * i);
    }
    codes.adopt(phoneRules(rising));
    for (int round = 0; round < 2; round++) { // 1,024 masks, asked in two orders, four times each
      for (int k = 0; k < 4096; k++) {
        long mask = round == 0 ? k % 1024 : (k * 389L) % 1024;
        assertThat(codes.reasons(RuleSpec.Kind.PHONE, mask))
            .extracting(Reason::code)
            .containsExactlyElementsOf(codesOf(mask, true));
      }
    }
    codes.adopt(phoneRules(falling));
    for (long mask = 0; mask < 1024; mask++) {
      assertThat(codes.reasons(RuleSpec.Kind.PHONE, mask))
          .extracting(Reason::code)
          .containsExactlyElementsOf(codesOf(mask, false));
    }
  }

  /** The codes of the bits of {@code mask}, the highest bit first or last. */
  private static java.util.List<String> codesOf(long mask, boolean highFirst) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      if ((mask & 1L << i) != 0) {
        out.add(highFirst ? 0 : out.size(), "PH_" + i);
      }
    }
    return out;
  }

  @Test
  void adopt_refusesABookThatWouldPass64CodesAndChangesNothing() throws RuleFileException {
    RuleCodes codes = new RuleCodes();
    String[] many = new String[2 * 60];
    for (int i = 0; i < 60; i++) {
      many[2 * i] = "PH_R" + i;
      many[2 * i + 1] = "1";
    }
    codes.adopt(phoneRules(many));
    String[] more = new String[2 * 10];
    for (int i = 0; i < 10; i++) {
      more[2 * i] = "PH_S" + i;
      more[2 * i + 1] = "1";
    }
    RuleBook next = phoneRules(more);
    assertThatThrownBy(() -> codes.adopt(next))
        .hasMessageContaining("60 rule codes for phone")
        .hasMessageContaining("adds 10");
    assertThat(codes.code(RuleSpec.Kind.PHONE, 60)).isNull();
  }

  @Test
  void writeThenRead_restoresCodesReasonsAndWeights() throws RuleFileException, IOException {
    RuleCodes codes = new RuleCodes();
    codes.adopt(phoneRules("PH_A", "30", "PH_B", "-20"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    codes.write(new DataOutputStream(out));
    RuleCodes back = new RuleCodes();
    back.read(new DataInputStream(new ByteArrayInputStream(out.toByteArray())));
    assertThat(back.code(RuleSpec.Kind.PHONE, 1)).isEqualTo("PH_B");
    assertThat(back.reasons(RuleSpec.Kind.PHONE, 0b11))
        .isEqualTo(codes.reasons(RuleSpec.Kind.PHONE, 0b11));
  }
}

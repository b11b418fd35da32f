package org.fanzha.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.fanzha.core.id.InvalidIdentifierException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

  @Test
  void parseYuan_decimalForms() {
    assertThat(Money.parseYuan("5000.00")).isEqualTo(500_000);
    assertThat(Money.parseYuan("12.5")).isEqualTo(1_250);
    assertThat(Money.parseYuan("0.01")).isEqualTo(1);
    assertThat(Money.parseYuan("49000")).isEqualTo(4_900_000);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "0",
        "0.00",
        "-5.00",
        "1.234",
        "1.",
        ".5",
        "1e3",
        "12,000.00",
        "abc",
        "99999999999999"
      })
  void parseYuan_rejects(String bad) {
    assertThatThrownBy(() -> Money.parseYuan(bad)).isInstanceOf(InvalidIdentifierException.class);
  }

  @Property
  void formatThenParse_roundTrips(@ForAll @LongRange(min = 1, max = Money.MAX_FEN) long fen) {
    assertThat(Money.parseYuan(Money.formatYuan(fen))).isEqualTo(fen);
  }

  @Property
  void formatYuan_alwaysTwoDecimals(@ForAll @LongRange(min = 1, max = Money.MAX_FEN) long fen) {
    String s = Money.formatYuan(fen);
    assertThat(s).matches("\\d+\\.\\d\\d");
    assertThat(new java.math.BigDecimal(s).movePointRight(2).longValueExact()).isEqualTo(fen);
  }
}

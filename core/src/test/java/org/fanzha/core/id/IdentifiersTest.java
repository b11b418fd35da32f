package org.fanzha.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "13800138000",
        "+8613800138000",
        "008613800138000",
        "86-138-0013-8000",
        "86-0-138-0013-8000",
        "+86 (0)138 0013 8000",
        " 138 0013 8000 "
      })
  void phone_writtenFormsOfOneMobile(String written) {
    assertThat(Identifiers.phone(written)).isEqualTo("+8613800138000");
  }

  @Test
  void phone_landlineDropsTrunkZero() {
    assertThat(Identifiers.phone("0375-6168120")).isEqualTo("+863756168120");
    assertThat(Identifiers.phone("010-12345678")).isEqualTo("+861012345678");
    assertThat(Identifiers.phone("+86 375 6168120")).isEqualTo("+863756168120");
    // a landline dialling a mobile of another city puts a 0 before it
    assertThat(Identifiers.phone("013800138000")).isEqualTo("+8613800138000");
    assertThat(Identifiers.phone("+86 0138 0013 8000")).isEqualTo("+8613800138000");
  }

  @Test
  void isMainlandMobile_notBeijingLandlines() {
    assertThat(Identifiers.isMainlandMobile("+8613800138000")).isTrue();
    assertThat(Identifiers.isMainlandMobile(Identifiers.phone("010-66668888"))).isFalse();
    assertThat(Identifiers.isMainlandMobile("95588")).isFalse();
  }

  @Test
  void phone_serviceNumbersKeptAsGiven() {
    assertThat(Identifiers.phone("95588")).isEqualTo("95588");
    assertThat(Identifiers.phone("96110")).isEqualTo("96110");
    assertThat(Identifiers.phone("4008001234")).isEqualTo("4008001234");
  }

  @Test
  void phone_otherCountries() {
    assertThat(Identifiers.phone("+85291234567")).isEqualTo("+85291234567");
    assertThat(Identifiers.phone("0085291234567")).isEqualTo("+85291234567");
    assertThat(Identifiers.phone("+1 (415) 555-2671")).isEqualTo("+14155552671");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "abc",
        "1380013800",
        "138001380001",
        "+0123456789",
        "12",
        "+861",
        "13800138000x"
      })
  void phone_invalidRejectedWithReason(String bad) {
    assertThatThrownBy(() -> Identifiers.phone(bad))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageNotContaining("null");
  }

  @Test
  void residentId_validChecksumAndLowercaseX() {
    // 11010519491231002X is the GB 11643 standard's own example.
    assertThat(Identifiers.residentId("11010519491231002x")).isEqualTo("11010519491231002X");
    assertThat(Identifiers.residentId("11010519491231002X")).isEqualTo("11010519491231002X");
  }

  @Test
  void residentId_wrongCheckCharacterNamesExpected() {
    assertThatThrownBy(() -> Identifiers.residentId("110105194912310021"))
        .hasMessageContaining("check character")
        .hasMessageContaining("'X'");
  }

  @Test
  void residentId_invalidBirthDate() {
    String first17 = "41040019990231123"; // 31 February
    String id = first17 + Identifiers.residentIdCheckChar(first17);
    assertThatThrownBy(() -> Identifiers.residentId(id)).hasMessageContaining("not a date");
  }

  @Test
  void residentId_wrongLengthAndProvince() {
    assertThatThrownBy(() -> Identifiers.residentId("1101051949123100"))
        .hasMessageContaining("18 characters");
    String first17 = "99010519491231002";
    String id = first17 + Identifiers.residentIdCheckChar(first17);
    assertThatThrownBy(() -> Identifiers.residentId(id)).hasMessageContaining("province");
  }

  @Test
  void account_bankCardLuhn() {
    // 6222 0202 0011 2233 445 is not Luhn-valid; complete it with its check digit instead.
    String body = "622202020011223344";
    String card = body + Identifiers.luhnCheckDigit(body);
    assertThat(Identifiers.account(card.substring(0, 4) + " " + card.substring(4))).isEqualTo(card);
    String wrong = body + (char) ('0' + (Identifiers.luhnCheckDigit(body) - '0' + 1) % 10);
    assertThatThrownBy(() -> Identifiers.account(wrong)).hasMessageContaining("Luhn");
  }

  @Test
  void account_knownLuhnNumbers() {
    assertThat(Identifiers.luhnValid("4111111111111111")).isTrue();
    assertThat(Identifiers.luhnValid("79927398713")).isTrue();
    assertThat(Identifiers.luhnValid("79927398710")).isFalse();
  }

  @Test
  void account_shortAccountsNotLuhnChecked() {
    assertThat(Identifiers.account("123456789012")).isEqualTo("123456789012");
    assertThatThrownBy(() -> Identifiers.account("12345678901"))
        .hasMessageContaining("12–19 digits");
  }

  @Test
  void account_paymentSchemes() {
    assertThat(Identifiers.account("Alipay:user_01@example.com"))
        .isEqualTo("alipay:user_01@example.com");
    assertThat(Identifiers.account("cash:ATM-4104-0099")).isEqualTo("cash:ATM-4104-0099");
    assertThatThrownBy(() -> Identifiers.account("wechat:")).hasMessageContaining("1–96");
    assertThatThrownBy(() -> Identifiers.account(":abc")).hasMessageContaining("scheme");
    assertThatThrownBy(() -> Identifiers.account("wechat:a b")).hasMessageContaining("white space");
  }

  @Test
  void region_sixDigitsKnownProvince() {
    assertThat(Identifiers.region("410400")).isEqualTo("410400");
    assertThatThrownBy(() -> Identifiers.region("41040")).hasMessageContaining("6 digits");
    assertThatThrownBy(() -> Identifiers.region("990400")).hasMessageContaining("province");
    assertThatThrownBy(() -> Identifiers.region("41040a")).hasMessageContaining("digits");
  }
}

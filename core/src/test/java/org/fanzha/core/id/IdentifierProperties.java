package org.fanzha.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class IdentifierProperties {

  @Provide
  Arbitrary<String> mobiles() {
    return Combinators.combine(
            Arbitraries.integers().between(3, 9), Arbitraries.strings().numeric().ofLength(9))
        .as((second, rest) -> "1" + second + rest);
  }

  @Property
  void phone_everyWrittenFormNormalisesToTheSameNumber(@ForAll("mobiles") String mobile) {
    String canonical = "+86" + mobile;
    String dashed =
        "86-" + mobile.substring(0, 3) + "-" + mobile.substring(3, 7) + "-" + mobile.substring(7);
    assertThat(Identifiers.phone(mobile)).isEqualTo(canonical);
    assertThat(Identifiers.phone("+86" + mobile)).isEqualTo(canonical);
    assertThat(Identifiers.phone("0086" + mobile)).isEqualTo(canonical);
    assertThat(Identifiers.phone(dashed)).isEqualTo(canonical);
  }

  @Property
  void phone_normalisationIsIdempotent(@ForAll("mobiles") String mobile) {
    String once = Identifiers.phone(mobile);
    assertThat(Identifiers.phone(once)).isEqualTo(once);
  }

  @Property
  void phone_lettersAlwaysRejected(
      @ForAll("mobiles") String mobile,
      @ForAll @IntRange(min = 0, max = 10) int at,
      @ForAll("letters") char letter) {
    String bad = mobile.substring(0, at) + letter + mobile.substring(at);
    assertThatThrownBy(() -> Identifiers.phone(bad)).isInstanceOf(InvalidIdentifierException.class);
  }

  @Provide
  Arbitrary<Character> letters() {
    return Arbitraries.chars().range('a', 'z');
  }

  @Provide
  Arbitrary<String> residentIds() {
    Arbitrary<String> region =
        Arbitraries.of("110105", "410402", "440305", "310115", "510107", "650102");
    Arbitrary<String> birth =
        Arbitraries.integers()
            .between(0, 365 * 90)
            .map(d -> java.time.LocalDate.of(1930, 1, 1).plusDays(d).toString().replace("-", ""));
    Arbitrary<String> seq = Arbitraries.strings().numeric().ofLength(3);
    return Combinators.combine(region, birth, seq)
        .as(
            (r, b, s) -> {
              String first17 = r + b + s;
              return first17 + Identifiers.residentIdCheckChar(first17);
            });
  }

  @Property
  void residentId_validOnesAccepted(@ForAll("residentIds") String id) {
    assertThat(Identifiers.residentId(id)).isEqualTo(id);
  }

  @Property
  void residentId_anySingleDigitChangeIsCaught(
      @ForAll("residentIds") String id,
      @ForAll @IntRange(min = 0, max = 16) int at,
      @ForAll @IntRange(min = 1, max = 9) int delta) {
    char changed = (char) ('0' + (id.charAt(at) - '0' + delta) % 10);
    String bad = id.substring(0, at) + changed + id.substring(at + 1);
    // GB 11643's mod-11 check detects every single-digit substitution.
    assertThatThrownBy(() -> Identifiers.residentId(bad))
        .isInstanceOf(InvalidIdentifierException.class);
  }

  @Provide
  Arbitrary<String> cards() {
    return Arbitraries.integers()
        .between(15, 18)
        .flatMap(n -> Arbitraries.strings().numeric().ofLength(n))
        .map(body -> "6" + body.substring(1) + Identifiers.luhnCheckDigit("6" + body.substring(1)));
  }

  @Property
  void account_luhnCardsAccepted(@ForAll("cards") String card) {
    assertThat(Identifiers.account(card)).isEqualTo(card);
  }

  @Property
  void account_singleDigitErrorsInCardsRejected(
      @ForAll("cards") String card,
      @ForAll @IntRange(min = 0, max = 18) int at,
      @ForAll @IntRange(min = 1, max = 9) int delta) {
    int i = at % card.length();
    char changed = (char) ('0' + (card.charAt(i) - '0' + delta) % 10);
    String bad = card.substring(0, i) + changed + card.substring(i + 1);
    assertThatThrownBy(() -> Identifiers.account(bad)).hasMessageContaining("Luhn");
  }

  @Property
  void masking_phoneShowsAtMostSevenDigits(@ForAll("mobiles") String mobile) {
    String masked = Masking.phone("+86" + mobile);
    assertThat(masked)
        .startsWith(mobile.substring(0, 3))
        .endsWith(mobile.substring(7))
        .contains("****");
    assertThat(masked.chars().filter(Character::isDigit).count()).isLessThanOrEqualTo(7);
  }

  @Property
  void masking_residentIdAndCardShowAtMostEight(
      @ForAll("residentIds") String id, @ForAll("cards") String card) {
    assertThat(Masking.residentId(id).chars().filter(c -> c != '*').count()).isEqualTo(8);
    assertThat(Masking.residentId(id)).startsWith(id.substring(0, 4)).endsWith(id.substring(14));
    assertThat(Masking.account(card).chars().filter(c -> c != '*').count()).isEqualTo(8);
  }

  @Property
  void masking_neverShowsMoreThanHalfOfAShortValue(
      @ForAll @StringLength(min = 1, max = 8) String value) {
    String masked = Masking.keepEnds(value, 4, 4);
    assertThat(masked).hasSameSizeAs(value);
    long shown = masked.chars().filter(c -> c != '*').count();
    assertThat(shown).isLessThanOrEqualTo(value.length() / 2);
  }

  @Property
  void masking_accountNumberNeverShowsHalfOrMore(
      @ForAll @net.jqwik.api.constraints.IntRange(min = 12, max = 19) int length,
      @ForAll long seed) {
    java.util.Random r = new java.util.Random(seed);
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < length; i++) {
      digits.append((char) ('0' + r.nextInt(10)));
    }
    String masked = Masking.account(digits.toString());
    long shown = masked.chars().filter(c -> c != '*').count();
    assertThat(masked).hasSize(length).endsWith(digits.substring(length - 4));
    assertThat(shown).isLessThanOrEqualTo(length / 2).isLessThanOrEqualTo(8);
  }
}

package org.fanzha.core.id;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The fast phone normaliser against Google's libphonenumber as an oracle (issue 14). Where they
 * differ, on purpose: the normaliser takes any 11-digit number of 13x–19x as a mobile, allocated or
 * not (new segments open faster than the library's data is updated, and an unallocated number in a
 * fraudster's event is still that number; 179, which the library reads as an IP-call prefix,
 * included), and keeps short service numbers (95588, 12381) as given, which the library calls short
 * codes, not numbers; and it refuses a landline written without its trunk 0 and without +86 ({@code
 * 2112345678}), which the library reads as Shanghai but which could as well be a mistyped mobile or
 * a foreign number (EVENTS.md writes landlines {@code 0375-6168120}), and the library's special
 * numbers (a city's 95xxx line written with its area code, {@code 01095000}). It never refuses a
 * number the library calls a mobile. (The oracle found one real fault: {@code 013800138000}, a
 * mobile dialled from a landline of another city, was refused.)
 */
class PhoneOracleProperties {
  private static final PhoneNumberUtil LIB = PhoneNumberUtil.getInstance();

  /** Mobile segments in use in 2026 (China Mobile, Unicom, Telecom, Broadnet). */
  private static final String[] SEGMENTS = {
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180",
    "181", "182", "183", "184", "185", "186", "187", "188", "189", "191", "192", "193", "195",
    "196", "197", "198", "199"
  };

  /** A written form of a national mobile number. */
  enum Form {
    PLAIN,
    PLUS,
    ZEROS,
    DASHED_86,
    SPACED;

    String write(String n) {
      return switch (this) {
        case PLAIN -> n;
        case PLUS -> "+86" + n;
        case ZEROS -> "0086" + n;
        case DASHED_86 ->
            "86-" + n.substring(0, 3) + "-" + n.substring(3, 7) + "-" + n.substring(7);
        case SPACED -> n.substring(0, 3) + " " + n.substring(3, 7) + " " + n.substring(7);
      };
    }
  }

  @Property(tries = 3000)
  void anAllocatedMobileInAnyWrittenFormIsTheNumberLibphonenumberReads(
      @ForAll("mobiles") String national, @ForAll Form form) throws NumberParseException {
    String written = form.write(national);
    PhoneNumber theirs = LIB.parse(written, "CN");
    assertThat(LIB.isValidNumber(theirs)).as(written).isTrue();
    assertThat(Identifiers.phone(written))
        .as(written)
        .isEqualTo(LIB.format(theirs, PhoneNumberFormat.E164));
  }

  @Property(tries = 3000)
  void anyMobileTheNormaliserTakesHasTheNationalNumberTheLibraryReads(
      @ForAll("anyMobiles") String national) throws NumberParseException {
    String ours = Identifiers.phone(national);
    assertThat(Identifiers.isMainlandMobile(ours)).isTrue();
    assertThat(ours).isEqualTo("+86" + LIB.parse(national, "CN").getNationalNumber());
  }

  @Property(tries = 3000)
  void aLandlineTheLibraryCallsValidIsTheSameNumberHere(@ForAll("landlines") String written)
      throws NumberParseException {
    PhoneNumber theirs = LIB.parse(written, "CN");
    if (LIB.isValidNumber(theirs)) {
      assertThat(Identifiers.phone(written))
          .as(written)
          .isEqualTo(LIB.format(theirs, PhoneNumberFormat.E164));
    }
  }

  @Property(tries = 3000)
  void whatTheNormaliserRefusesTheLibraryDoesNotCallAValidNumber(@ForAll("digits") String written) {
    boolean refused;
    try {
      Identifiers.phone(written);
      refused = false;
    } catch (InvalidIdentifierException e) {
      refused = true;
    }
    if (refused) {
      PhoneNumber theirs;
      try {
        theirs = LIB.parse(written, "CN");
      } catch (NumberParseException e) {
        return;
      }
      if (LIB.isValidNumber(
          theirs)) { // never a mobile: a landline without its trunk 0, or a special number
        assertThat(LIB.getNumberType(theirs))
            .as(written)
            .isNotIn(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE);
      }
    }
  }

  @Provide
  Arbitrary<String> mobiles() {
    return Combinators.combine(
            Arbitraries.of(SEGMENTS), Arbitraries.strings().numeric().ofLength(8))
        .as((segment, rest) -> segment + rest);
  }

  /**
   * Any 13x–19x eleven digits, but 179: the library reads 179xx as an IP-call prefix (17951 …),
   * never a mobile.
   */
  @Provide
  Arbitrary<String> anyMobiles() {
    return Combinators.combine(
            Arbitraries.integers().between(3, 9), Arbitraries.strings().numeric().ofLength(9))
        .as((second, rest) -> "1" + second + rest)
        .filter(n -> !n.startsWith("179"));
  }

  @Provide
  Arbitrary<String> landlines() {
    Arbitrary<String> area =
        Arbitraries.of(
            "10", "20", "21", "22", "23", "24", "25", "27", "28", "29", "311", "371", "375", "379",
            "431", "451", "531", "571", "591", "755", "769", "871", "898");
    Arbitrary<String> local =
        Combinators.combine(
                Arbitraries.integers().between(2, 8),
                Arbitraries.strings().numeric().ofMinLength(6).ofMaxLength(7))
            .as((first, rest) -> first + rest);
    return Combinators.combine(area, local, Arbitraries.of("-", " ", ""))
        .as((a, l, sep) -> "0" + a + sep + l);
  }

  @Provide
  Arbitrary<String> digits() {
    return Arbitraries.strings().numeric().ofMinLength(3).ofMaxLength(15);
  }
}

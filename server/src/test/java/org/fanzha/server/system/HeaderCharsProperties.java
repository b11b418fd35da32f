package org.fanzha.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The firewall's header check by loop agrees with Spring Security's pattern on every string. */
class HeaderCharsProperties {

  private static final Pattern SPRING_DEFAULT =
      Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

  @Property(tries = 5_000)
  void agreesWithThePattern_onAnyString(@ForAll("headerLike") String s) {
    assertThat(HeaderChars.allowed(s))
        .as("%s", s.codePoints().mapToObj(Integer::toHexString).toList())
        .isEqualTo(SPRING_DEFAULT.matcher(s).matches());
  }

  @Provide
  Arbitrary<String> headerLike() {
    Arbitrary<String> ascii =
        Arbitraries.strings().withCharRange((char) 0, (char) 0xff).ofMaxLength(40);
    Arbitrary<String> any =
        Arbitraries.strings().all().ofMaxLength(20); // surrogates, unassigned, private use
    Arbitrary<String> withPairs =
        Arbitraries.integers()
            .between(0, 0x10ffff)
            .map(cp -> "a" + new String(Character.toChars(cp)) + "z");
    return Arbitraries.oneOf(ascii, any, withPairs);
  }
}

package org.fanzha.server.regions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The chain of units from any region code up to the ministry. */
class UnitsProperties {

  @Property
  void everyRegionClimbsToTheMinistryThroughWiderUnitsOfItsOwnArea(
      @ForAll("regions") String region) {
    String unit = Units.forRegion(region);
    assertThat(unit).as("a valid code is its own unit").isEqualTo(region);
    List<String> chain = new ArrayList<>(List.of(unit));
    for (Optional<String> up = Units.up(unit); up.isPresent(); up = Units.up(up.get())) {
      chain.add(up.get());
    }
    assertThat(chain.get(chain.size() - 1)).isEqualTo(Units.MINISTRY);
    assertThat(chain.size()).as("at most county → city → province → ministry").isBetween(2, 4);
    List<String> levels = List.of("county", "city", "province", "ministry");
    for (int i = 1; i < chain.size(); i++) {
      String lower = chain.get(i - 1);
      String upper = chain.get(i);
      assertThat(levels.indexOf(Units.level(upper)))
          .as(lower + " → " + upper)
          .isGreaterThan(levels.indexOf(Units.level(lower)));
      String area = upper.replaceAll("0+$", "");
      assertThat(lower).as("%s lies within %s", lower, upper).startsWith(area);
    }
  }

  @Property
  void aMissingOrMalformedRegionGoesToTheMinistry(@ForAll("notRegions") String region) {
    assertThat(Units.forRegion(region)).isEqualTo(Units.MINISTRY);
    assertThat(Units.forRegion(null)).isEqualTo(Units.MINISTRY);
  }

  @Provide
  Arbitrary<String> regions() {
    Arbitrary<String> province = Arbitraries.integers().between(11, 65).map(String::valueOf);
    Arbitrary<String> two =
        Arbitraries.integers().between(0, 99).map(i -> String.format("%02d", i));
    return net.jqwik.api.Combinators.combine(province, two, two).as((p, c, d) -> p + c + d);
  }

  @Provide
  Arbitrary<String> notRegions() {
    return Arbitraries.oneOf(
        Arbitraries.strings().numeric().ofMaxLength(5),
        Arbitraries.strings().numeric().ofMinLength(7).ofMaxLength(9),
        Arbitraries.of("", "41040a", "000000", "0123456"));
  }
}

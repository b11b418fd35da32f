package org.fanzha.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.fanzha.core.event.EntityKind;
import org.junit.jupiter.api.Test;

class MasksTest {

  @Test
  void entity_eachKind_masksAsItsKindRequires() {
    assertThat(Masks.entity(EntityKind.PHONE, "+8613800138000")).isEqualTo("138****8000");
    assertThat(Masks.entity(EntityKind.HOLDER, "11010519491231002X"))
        .isEqualTo("1101**********002X");
    assertThat(Masks.entity(EntityKind.IP, "10.21.3.4")).isEqualTo("10.21.*.*");
    assertThat(Masks.entity(EntityKind.DEVICE, "imei-86123456789012"))
        .startsWith("imei")
        .doesNotContain("6789012");
  }

  @Property
  void ip_anyIpv4_hidesTheHostPart(
      @ForAll @IntRange(max = 255) int a,
      @ForAll @IntRange(max = 255) int b,
      @ForAll @IntRange(min = 100, max = 255) int c,
      @ForAll @IntRange(min = 100, max = 255) int d) {
    String masked = Masks.entity(EntityKind.IP, a + "." + b + "." + c + "." + d);
    assertThat(masked).isEqualTo(a + "." + b + ".*.*");
  }

  @Property
  void device_anyId_keepsAtMostFourCharactersAndHalfTheId(
      @ForAll @AlphaChars @StringLength(min = 1, max = 40) String id) {
    String masked = Masks.entity(EntityKind.DEVICE, id);
    long shown = masked.chars().filter(ch -> ch != '*').count();
    assertThat(shown).isLessThanOrEqualTo(Math.min(4, id.length() / 2));
    assertThat(masked).startsWith(id.substring(0, (int) shown));
  }
}

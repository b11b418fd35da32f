package org.fanzha.text.url;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class EditDistanceTest {

  @Test
  void between_countsEachKindOfEditOnce() {
    assertThat(EditDistance.between("alipay", "alipay")).isZero();
    assertThat(EditDistance.between("alipay", "alipy")).isEqualTo(1); // deletion
    assertThat(EditDistance.between("alipay", "allipay")).isEqualTo(1); // insertion
    assertThat(EditDistance.between("alipay", "alipey")).isEqualTo(1); // substitution
    assertThat(EditDistance.between("alipay", "aliapy")).isEqualTo(1); // transposition
    assertThat(EditDistance.between("", "abc")).isEqualTo(3);
    assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
  }

  @Property(tries = 200)
  void between_isSymmetricAndBoundedByLength(
      @ForAll @StringLength(max = 10) String a, @ForAll @StringLength(max = 10) String b) {
    int d = EditDistance.between(a, b);
    assertThat(EditDistance.between(b, a)).isEqualTo(d);
    assertThat(d).isBetween(Math.abs(a.length() - b.length()), Math.max(a.length(), b.length()));
  }
}

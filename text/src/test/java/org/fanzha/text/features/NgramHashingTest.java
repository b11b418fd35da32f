package org.fanzha.text.features;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class NgramHashingTest {

  @Property(tries = 300)
  void bucket_isInRangeAndRepeatable(
      @ForAll @StringLength(min = 3, max = 30) String s,
      @ForAll @IntRange(min = 4, max = 22) int bits) {
    char[] c = s.toCharArray();
    for (int i = 0; i < c.length; i++) {
      for (int n = 1; n <= NgramHashing.MAX_N; n++) {
        int b = NgramHashing.bucket(c, i, n, bits);
        assertThat(b).isBetween(-1, (1 << bits) - 1);
        assertThat(NgramHashing.bucket(c.clone(), i, n, bits)).isEqualTo(b);
      }
    }
  }

  @Property(tries = 200)
  void bucket_fewerBitsArePrefixOfMoreBits(@ForAll @StringLength(min = 3, max = 12) String s) {
    // the model takes the top bits of one 64-bit hash, so shrinking the table keeps n-grams
    // together
    char[] c = s.replace(' ', '_').toCharArray();
    int wide = NgramHashing.bucket(c, 0, 3, 20);
    int narrow = NgramHashing.bucket(c, 0, 3, 12);
    assertThat(narrow).isEqualTo(wide >>> 8);
  }

  @Test
  void bucket_skipsSpacesAndTheEnd() {
    char[] c = "ab c".toCharArray();
    assertThat(NgramHashing.bucket(c, 1, 2, 18)).isEqualTo(-1);
    assertThat(NgramHashing.bucket(c, 3, 2, 18)).isEqualTo(-1);
    assertThat(NgramHashing.bucket(c, 0, 2, 18)).isNotNegative();
  }

  @Test
  void bucket_separatesOrderAndLength() {
    char[] ab = "安全".toCharArray();
    char[] ba = "全安".toCharArray();
    assertThat(NgramHashing.bucket(ab, 0, 2, 22)).isNotEqualTo(NgramHashing.bucket(ba, 0, 2, 22));
    assertThat(NgramHashing.bucket(ab, 0, 1, 22)).isNotEqualTo(NgramHashing.bucket(ab, 0, 2, 22));
  }

  @Test
  void bucket_spreadsEvenly() {
    int bits = 6;
    int[] hist = new int[1 << bits];
    int total = 0;
    for (char a = '\u4e00'; a < '\u4e00' + 200; a++) {
      for (char b = 'a'; b <= 'z'; b++) {
        hist[NgramHashing.bucket(new char[] {a, b}, 0, 2, bits)]++;
        total++;
      }
    }
    double expected = (double) total / hist.length;
    double chi2 = 0;
    for (int h : hist) {
      chi2 += (h - expected) * (h - expected) / expected;
    }
    // 63 degrees of freedom: mean 63, sd 11.2; 110 is about four sd above a uniform hash
    assertThat(chi2).isLessThan(110);
  }

  @Test
  void count_countsOnlyNgramsWithoutSpaces() {
    // "abc": a, ab, abc, b, bc, c = 6; "a b": a, b = 2
    assertThat(NgramHashing.count("abc".toCharArray())).isEqualTo(6);
    assertThat(NgramHashing.count("a b".toCharArray())).isEqualTo(2);
  }
}

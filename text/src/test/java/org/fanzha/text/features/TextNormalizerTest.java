package org.fanzha.text.features;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

  @Test
  void normalize_foldsDigitsCaseWidthAndWhitespace() {
    assertThat(new String(TextNormalizer.normalize("ＱＱ１２3 A\tb\n"))).isEqualTo("qq### a b ");
  }

  @Test
  void normalize_masksCorpusPlaceholdersAsDigits() {
    assertThat(new String(TextNormalizer.normalize("满xxx减xx元"))).isEqualTo("满###减##元");
    assertThat(new String(TextNormalizer.normalize("送DIGIT元"))).isEqualTo("送#####元");
  }

  @Test
  void normalize_keepsXInsideEnglishWords() {
    assertThat(new String(TextNormalizer.normalize("Xbox and fox"))).isEqualTo("xbox and fox");
  }

  @Property(tries = 300)
  void normalize_keepsLength(@ForAll String s) {
    assertThat(TextNormalizer.normalize(s)).hasSize(s.length());
  }
}

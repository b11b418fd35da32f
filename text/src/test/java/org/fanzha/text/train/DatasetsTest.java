package org.fanzha.text.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads the shared data sets; skipped where they are absent. Counts are those of their READMEs. */
class DatasetsTest {

  // Surefire runs in text/, so the repository's sibling shared/ is two levels up.
  private static final List<Path> CANDIDATES =
      List.of(
          Path.of("../../shared/data"), Path.of("../shared/data"), Path.of("/work/shared/data"));

  private static Path root() {
    for (Path p : CANDIDATES) {
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    return CANDIDATES.get(0);
  }

  @Test
  void telecomFraud5_allRowsWithMappedLabels() throws IOException {
    assumeTrue(Files.isDirectory(root().resolve(Datasets.TELECOM_FRAUD_5)));
    List<LabeledText> rows = Datasets.telecomFraud5(root());
    assertThat(rows).hasSize(9259);
    assertThat(rows.stream().filter(r -> r.label().equals("police")).count()).isEqualTo(800);
    assertThat(rows.stream().filter(r -> r.label().equals("spam")).count()).isEqualTo(6059);
  }

  @Test
  void spam80w_quotedMultilineFieldsParsed() throws IOException {
    assumeTrue(Files.isDirectory(root().resolve(Datasets.SPAM_80W)));
    List<LabeledText> rows = Datasets.spam80w(root());
    assertThat(rows).hasSize(40000);
    assertThat(rows.stream().filter(r -> r.label().equals("spam")).count()).isEqualTo(3967);
    assertThat(rows).allSatisfy(r -> assertThat(r.text()).doesNotEndWith("\n"));
  }

  @Test
  void uciSms_allRows() throws IOException {
    assumeTrue(Files.isDirectory(root().resolve(Datasets.UCI_SMS)));
    List<LabeledText> rows = Datasets.uciSms(root());
    assertThat(rows).hasSize(5574);
    assertThat(rows.stream().filter(r -> r.label().equals("spam")).count()).isEqualTo(747);
  }
}

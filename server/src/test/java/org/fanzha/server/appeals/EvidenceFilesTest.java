package org.fanzha.server.appeals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.store.Appeal;
import org.junit.jupiter.api.Test;

class EvidenceFilesTest {

  private static final byte[] PDF = "%PDF-1.7\n...".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0};

  @Test
  void typedByContent_nameWithoutPath_extensionFromTheType() {
    List<Appeal.File> f =
        EvidenceFiles.check(
            List.of(
                new EvidenceFiles.Received("../../etc/营业执照.pdf", PDF),
                new EvidenceFiles.Received("C:\\Users\\a\\photo.html", PNG)));
    assertThat(f.get(0).contentType()).isEqualTo("application/pdf");
    assertThat(f.get(0).name()).isEqualTo("营业执照.pdf");
    assertThat(f.get(1).contentType()).as("a PNG named .html is a PNG").isEqualTo("image/png");
    assertThat(f.get(1).name()).isEqualTo("photo.png");
  }

  @Test
  void refusesScriptsEmptyFilesTooManyAndTooLarge() {
    byte[] html = "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(
            () -> EvidenceFiles.check(List.of(new EvidenceFiles.Received("a.pdf", html))))
        .isInstanceOf(BadRequestException.class)
        .hasMessageStartingWith("files[0]");
    assertThatThrownBy(
            () -> EvidenceFiles.check(List.of(new EvidenceFiles.Received("a.pdf", new byte[0]))))
        .isInstanceOf(BadRequestException.class);
    byte[] big = new byte[EvidenceFiles.MAX_BYTES + 1];
    System.arraycopy(PDF, 0, big, 0, PDF.length);
    assertThatThrownBy(() -> EvidenceFiles.check(List.of(new EvidenceFiles.Received("a.pdf", big))))
        .isInstanceOf(BadRequestException.class);
    EvidenceFiles.Received ok = new EvidenceFiles.Received("a.pdf", PDF);
    assertThatThrownBy(() -> EvidenceFiles.check(List.of(ok, ok, ok, ok)))
        .hasMessageStartingWith("files:");
  }
}

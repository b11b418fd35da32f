package org.fanzha.core.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The pulling cursor splits any text into the same numbered lines as the splitter over a whole
 * array.
 */
class NdjsonLinesProperties {

  @Property
  void cursorAgreesWithTheArraySplitter(
      @ForAll("ndjsonish") String text,
      @ForAll @IntRange(min = 1, max = 9) int chunk,
      @ForAll @IntRange(min = 1, max = 16) int bufferSize)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<String> expected = new ArrayList<>();
    NdjsonLines.forEach(
        bytes,
        0,
        bytes.length,
        (buf, off, len, line) ->
            expected.add(line + ":" + new String(buf, off, len, StandardCharsets.UTF_8)));

    List<String> pulled = new ArrayList<>();
    NdjsonLines.Cursor cursor =
        new NdjsonLines.Cursor(new Trickle(bytes, chunk), bufferSize); // lines outgrow it
    while (cursor.next()) {
      pulled.add(
          cursor.lineNumber()
              + ":"
              + new String(
                  cursor.buffer(), cursor.offset(), cursor.length(), StandardCharsets.UTF_8));
    }
    assertThat(pulled).isEqualTo(expected);
  }

  @Property
  void blankLinesAreCountedButNotReturned(@ForAll @IntRange(min = 0, max = 5) int blanks)
      throws IOException {
    String text = "\n".repeat(blanks) + " \t\r\n{\"a\":1}\r\n";
    NdjsonLines.Cursor cursor =
        new NdjsonLines.Cursor(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    assertThat(cursor.next()).isTrue();
    assertThat(cursor.lineNumber()).isEqualTo(blanks + 2);
    assertThat(
            new String(cursor.buffer(), cursor.offset(), cursor.length(), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":1}");
    assertThat(cursor.next()).isFalse();
  }

  @Provide
  Arbitrary<String> ndjsonish() {
    return Arbitraries.strings()
        .withChars('{', '}', 'a', '字', ' ', '\t', '\r', '\n')
        .ofMaxLength(200);
  }

  /** Hands out at most {@code chunk} bytes a read, as a slow file or socket would. */
  private static final class Trickle extends InputStream {
    private final byte[] bytes;
    private final int chunk;
    private int pos;

    Trickle(byte[] bytes, int chunk) {
      this.bytes = bytes;
      this.chunk = chunk;
    }

    @Override
    public int read() {
      return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos == bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, chunk), bytes.length - pos);
      System.arraycopy(bytes, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}

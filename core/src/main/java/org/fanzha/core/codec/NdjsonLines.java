package org.fanzha.core.codec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits NDJSON into lines without decoding them, so a reader can hand byte ranges straight to the
 * JSON parser. Blank lines are skipped but still counted, so line numbers match an editor's.
 */
public final class NdjsonLines {

  /** Receives one non-blank line as a range of a shared buffer, valid only during the call. */
  @FunctionalInterface
  public interface LineHandler {
    void line(byte[] buf, int offset, int length, long lineNumber);
  }

  private NdjsonLines() {}

  /** Calls the handler for each non-blank line in {@code buf[from, to)}. */
  public static void forEach(byte[] buf, int from, int to, LineHandler handler) {
    long line = 0;
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || buf[i] == '\n') {
        line++;
        emit(buf, start, i, line, handler);
        start = i + 1;
      }
    }
  }

  /** Reads the stream to its end, calling the handler for each non-blank line; returns lines read. */
  public static long forEach(InputStream in, LineHandler handler) throws IOException {
    byte[] buf = new byte[1 << 20];
    int filled = 0;
    long line = 0;
    while (true) {
      int n = in.read(buf, filled, buf.length - filled);
      if (n < 0) {
        if (filled > 0) {
          line++;
          emit(buf, 0, filled, line, handler);
        }
        return line;
      }
      int end = filled + n;
      int start = 0;
      for (int i = filled; i < end; i++) {
        if (buf[i] == '\n') {
          line++;
          emit(buf, start, i, line, handler);
          start = i + 1;
        }
      }
      filled = end - start;
      System.arraycopy(buf, start, buf, 0, filled);
      if (filled == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
      }
    }
  }

  private static void emit(byte[] buf, int start, int end, long line, LineHandler handler) {
    int e = end;
    if (e > start && buf[e - 1] == '\r') {
      e--;
    }
    int s = start;
    while (s < e && (buf[s] == ' ' || buf[s] == '\t')) {
      s++;
    }
    if (s < e) {
      handler.line(buf, s, e - s, line);
    }
  }
}

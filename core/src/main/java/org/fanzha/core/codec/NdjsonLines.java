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

  /**
   * Reads the stream to its end, calling the handler for each non-blank line; returns lines read.
   */
  public static long forEach(InputStream in, LineHandler handler) throws IOException {
    Cursor cursor = new Cursor(in);
    while (cursor.next()) {
      handler.line(cursor.buffer(), cursor.offset(), cursor.length(), cursor.lineNumber());
    }
    return cursor.linesRead();
  }

  /**
   * Pulls the non-blank lines of a stream one at a time, for readers that are asked for the next
   * record rather than handed all of them (a Flink file source). Not thread-safe.
   */
  public static final class Cursor {
    private final InputStream in;
    private byte[] buf;
    private int start; // first unread byte
    private int end; // one past the last byte read from the stream
    private int
        scanned; // bytes from start up to here hold no newline (a long line is not rescanned after
    // each read)
    private boolean eof;
    private long line;
    private int lineOffset;
    private int lineLength;

    public Cursor(InputStream in) {
      this(in, 1 << 16);
    }

    /** A cursor whose buffer starts at {@code bufferSize} bytes and doubles for longer lines. */
    Cursor(InputStream in, int bufferSize) {
      this.in = in;
      this.buf = new byte[bufferSize];
    }

    /** Moves to the next non-blank line; returns false at the end of the stream. */
    public boolean next() throws IOException {
      while (true) {
        int nl = indexOfNewline();
        if (nl < 0 && !eof) {
          fill();
          continue;
        }
        if (nl < 0 && start == end) {
          return false;
        }
        int lineEnd = nl < 0 ? end : nl;
        line++;
        boolean found = trim(start, lineEnd);
        start = nl < 0 ? end : nl + 1;
        if (found) {
          return true;
        }
      }
    }

    /** The buffer holding the current line; valid until the next call of {@link #next}. */
    public byte[] buffer() {
      return buf;
    }

    public int offset() {
      return lineOffset;
    }

    public int length() {
      return lineLength;
    }

    /** The current line's number, counting blank lines (1-based). */
    public long lineNumber() {
      return line;
    }

    /** Lines passed so far, blank ones included. */
    public long linesRead() {
      return line;
    }

    private int indexOfNewline() {
      for (int i = Math.max(start, scanned); i < end; i++) {
        if (buf[i] == '\n') {
          return i;
        }
      }
      scanned = end;
      return -1;
    }

    /** Keeps the unread tail, grows the buffer when one line fills it, and reads more. */
    private void fill() throws IOException {
      int tail = end - start;
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, tail);
      } else if (tail == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
      }
      scanned -= start;
      start = 0;
      end = tail;
      int n = in.read(buf, end, buf.length - end);
      if (n < 0) {
        eof = true;
      } else {
        end += n;
      }
    }

    private boolean trim(int from, int to) {
      int e = contentEnd(buf, from, to);
      int s = contentStart(buf, from, e);
      lineOffset = s;
      lineLength = e - s;
      return s < e;
    }
  }

  private static void emit(byte[] buf, int start, int end, long line, LineHandler handler) {
    int e = contentEnd(buf, start, end);
    int s = contentStart(buf, start, e);
    if (s < e) {
      handler.line(buf, s, e - s, line);
    }
  }

  /** Drops a CR before the line's end (CRLF files). */
  private static int contentEnd(byte[] buf, int start, int end) {
    return end > start && buf[end - 1] == '\r' ? end - 1 : end;
  }

  /** Skips leading spaces and tabs. */
  private static int contentStart(byte[] buf, int start, int end) {
    int s = start;
    while (s < end && (buf[s] == ' ' || buf[s] == '\t')) {
      s++;
    }
    return s;
  }
}

package org.fanzha.engine.features;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Bulk array I/O for engine snapshots (big-endian, length-prefixed), chunked through a byte buffer.
 */
public final class Snapshots {

  private static final int CHUNK = 1 << 16;

  private Snapshots() {}

  /** Writes the first {@code n} ints of {@code a}, prefixed by {@code n}. */
  public static void writeInts(DataOutputStream out, int[] a, int n) throws IOException {
    out.writeInt(n);
    ByteBuffer buf = ByteBuffer.allocate(CHUNK * 4);
    for (int i = 0; i < n; i += CHUNK) {
      int m = Math.min(CHUNK, n - i);
      buf.clear();
      buf.asIntBuffer().put(a, i, m);
      out.write(buf.array(), 0, m * 4);
    }
  }

  /** Writes {@code n} ints of {@code a} from its start, without a length prefix. */
  public static void writeIntsRaw(DataOutputStream out, int[] a, int n) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(Math.min(CHUNK, Math.max(1, n)) * 4);
    for (int i = 0; i < n; i += CHUNK) {
      int m = Math.min(CHUNK, n - i);
      buf.clear();
      buf.asIntBuffer().put(a, i, m);
      out.write(buf.array(), 0, m * 4);
    }
  }

  /** Reads {@code n} ints written by {@link #writeIntsRaw} into the start of {@code a}. */
  public static void readIntsRaw(DataInputStream in, int[] a, int n) throws IOException {
    byte[] b = new byte[Math.min(CHUNK, Math.max(1, n)) * 4];
    for (int i = 0; i < n; i += CHUNK) {
      int m = Math.min(CHUNK, n - i);
      in.readFully(b, 0, m * 4);
      ByteBuffer.wrap(b, 0, m * 4).asIntBuffer().get(a, i, m);
    }
  }

  /** Reads ints written by {@link #writeInts}. */
  public static int[] readInts(DataInputStream in) throws IOException {
    int n = checkedLength(in);
    int[] a = new int[n];
    byte[] b = new byte[CHUNK * 4];
    for (int i = 0; i < n; i += CHUNK) {
      int m = Math.min(CHUNK, n - i);
      in.readFully(b, 0, m * 4);
      ByteBuffer.wrap(b, 0, m * 4).asIntBuffer().get(a, i, m);
    }
    return a;
  }

  /** Writes the first {@code n} longs of {@code a}, prefixed by {@code n}. */
  public static void writeLongs(DataOutputStream out, long[] a, int n) throws IOException {
    out.writeInt(n);
    ByteBuffer buf = ByteBuffer.allocate(CHUNK * 8);
    for (int i = 0; i < n; i += CHUNK) {
      int m = Math.min(CHUNK, n - i);
      buf.clear();
      buf.asLongBuffer().put(a, i, m);
      out.write(buf.array(), 0, m * 8);
    }
  }

  /** Reads longs written by {@link #writeLongs}. */
  public static long[] readLongs(DataInputStream in) throws IOException {
    int n = checkedLength(in);
    long[] a = new long[n];
    byte[] b = new byte[CHUNK * 8];
    for (int i = 0; i < n; i += CHUNK) {
      int m = Math.min(CHUNK, n - i);
      in.readFully(b, 0, m * 8);
      ByteBuffer.wrap(b, 0, m * 8).asLongBuffer().get(a, i, m);
    }
    return a;
  }

  /** Writes a string that may be longer than 64 KB as a length-prefixed UTF-8 byte run. */
  public static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /** Reads a string written by {@link #writeString}. */
  public static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[checkedLength(in)];
    in.readFully(b);
    return new String(b, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static int checkedLength(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative length in snapshot: " + n);
    }
    return n;
  }
}

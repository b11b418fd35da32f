package org.fanzha.engine.features;

import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Maps the identifiers of one entity kind to dense int ids (0, 1, 2 …) and back, holding every
 * identifier once as UTF-8 bytes in one byte arena: no String object per entity. Not thread-safe.
 */
public final class Interner {
  /*
   * Memory. A String per identifier costs ~40 bytes of headers and fields before its bytes, plus a
   * reference; at hundreds of thousands of entities that alone was a fifth of the engine. Here an
   * identifier is a record in one growing byte[] (the arena): its id (4 bytes), its length (1 byte,
   * or 0xFF and 4 bytes for the rare identifier of 255 bytes or more) and its UTF-8 bytes
   * (canonical identifiers are ASCII, so one byte a character). An int[] maps an id to its record
   * (for output); an open-addressing table of longs maps identifiers to records. About 40 bytes an
   * identifier in all for a 14-character phone number, against ~90 with Strings.
   *
   * Speed. Identifiers arrive as fresh Strings in every event. A look-up hashes the characters
   * (no memory touched but the event's own string) and probes the table, whose slot holds 32 bits
   * of the hash beside the arena offset, so probes past other identifiers cost no dereference; a
   * slot whose 32 hash bits match is confirmed against the arena record, which also holds the id:
   * one probe and one arena read for a known identifier. The confirmation makes the mapping exact
   * (two identifiers are never merged, whatever their hashes), which the former 96-bit fingerprint
   * table only made improbable. The table is kept at most 3/4 full; on growth the hashes are
   * recomputed from the arena (identifiers are few enough, and growth rare enough, not to store
   * them).
   */

  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int LONG_LENGTH = 0xFF;

  private long[] slots; // per slot: high 32 bits of the hash (never 0) | arena offset of the record
  private int mask;
  private byte[] arena;
  private int arenaUsed;
  private int[] offsets; // record offset by id
  private int size;

  /** Creates an empty table sized for {@code expected} identifiers. */
  public Interner(int expected) {
    int n = Math.max(16, expected);
    int cap = Integer.highestOneBit(n * 4 / 3 + 1) * 2;
    slots = new long[cap];
    mask = cap - 1;
    offsets = new int[n];
    arena = new byte[n * 16];
  }

  /** Returns the id of {@code name}, assigning the next one when it is new. */
  public int intern(String name) {
    long h = hash(name);
    long fp = h & 0xFFFF_FFFF_0000_0000L;
    int i = (int) h & mask;
    while (true) {
      long s = slots[i];
      if (s == 0) {
        break;
      }
      if ((s & 0xFFFF_FFFF_0000_0000L) == fp) {
        int rec = (int) s;
        if (matches(name, rec)) {
          return (int) INT.get(arena, rec);
        }
      }
      i = (i + 1) & mask;
    }
    int id = size++;
    if (id == offsets.length) {
      offsets = Arrays.copyOf(offsets, id + (id >> 1));
    }
    int rec = append(id, name);
    offsets[id] = rec;
    slots[i] = fp | rec;
    if (size > (mask + 1) - ((mask + 1) >> 2)) {
      grow();
    }
    return id;
  }

  /** Returns the id of {@code name}, or -1 when it has never been seen. */
  public int find(String name) {
    long h = hash(name);
    long fp = h & 0xFFFF_FFFF_0000_0000L;
    int i = (int) h & mask;
    while (true) {
      long s = slots[i];
      if (s == 0) {
        return -1;
      }
      if ((s & 0xFFFF_FFFF_0000_0000L) == fp && matches(name, (int) s)) {
        return (int) INT.get(arena, (int) s);
      }
      i = (i + 1) & mask;
    }
  }

  /** Returns the identifier with this id (decoded from the arena: a new String each call). */
  public String name(int id) {
    int rec = offsets[id];
    int len = length(rec);
    return new String(arena, bytesAt(rec), len, StandardCharsets.UTF_8);
  }

  /** Returns the first byte of an identifier's UTF-8 form, or -1 when it is empty (no String made). */
  public int firstByte(int id) {
    int rec = offsets[id];
    return length(rec) == 0 ? -1 : arena[bytesAt(rec)] & 0xFF;
  }

  /** Writes an identifier as a length-prefixed UTF-8 run ({@link Snapshots#writeString} format). */
  public void writeName(DataOutputStream out, int id) throws IOException {
    int rec = offsets[id];
    int len = length(rec);
    out.writeInt(len);
    out.write(arena, bytesAt(rec), len);
  }

  /** Returns how many identifiers are held. */
  public int size() {
    return size;
  }

  /** Returns the bytes of the hash table (allocated, including free slots). */
  public long tableBytes() {
    return (long) slots.length * 8;
  }

  /** Returns the bytes of the arena and the id-to-record table (allocated, including unused capacity). */
  public long arenaBytes() {
    return (long) arena.length + (long) offsets.length * 4;
  }

  /** Returns an estimate of the heap this interner uses (arrays as allocated). */
  public long approxBytes() {
    return tableBytes() + arenaBytes();
  }

  // ---------------------------------------------------------------- records

  private int length(int rec) {
    int b = arena[rec + 4] & 0xFF;
    return b != LONG_LENGTH ? b : (int) INT.get(arena, rec + 5);
  }

  private int bytesAt(int rec) {
    return (arena[rec + 4] & 0xFF) != LONG_LENGTH ? rec + 5 : rec + 9;
  }

  private boolean matches(String name, int rec) {
    int len = length(rec);
    int p = bytesAt(rec);
    int n = name.length();
    if (n > len) {
      return false; // UTF-8 never has fewer bytes than the string has chars
    }
    if (n < len) {
      if (isAscii(name)) {
        return false;
      }
      byte[] u = name.getBytes(StandardCharsets.UTF_8);
      return u.length == len && Arrays.equals(u, 0, len, arena, p, p + len);
    }
    for (int k = 0; k < n; k++) {
      char c = name.charAt(k);
      if (c >= 0x80) {
        return false; // same char count and byte count means all ASCII on the stored side
      }
      if ((byte) c != arena[p + k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAscii(String s) {
    for (int k = 0, n = s.length(); k < n; k++) {
      if (s.charAt(k) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private int append(int id, String name) {
    byte[] utf8 = null;
    int len = name.length();
    if (!isAscii(name)) {
      utf8 = name.getBytes(StandardCharsets.UTF_8);
      len = utf8.length;
    }
    int head = len < LONG_LENGTH ? 5 : 9;
    int need = arenaUsed + head + len;
    if (need < 0) {
      throw new IllegalStateException("identifier arena full (2 GiB)");
    }
    if (need > arena.length) {
      long cap = Math.max(need, (long) arena.length + (arena.length >> 1));
      arena = Arrays.copyOf(arena, (int) Math.min(cap, Integer.MAX_VALUE - 8));
    }
    int rec = arenaUsed;
    INT.set(arena, rec, id);
    if (len < LONG_LENGTH) {
      arena[rec + 4] = (byte) len;
    } else {
      arena[rec + 4] = (byte) LONG_LENGTH;
      INT.set(arena, rec + 5, len);
    }
    int p = rec + head;
    if (utf8 != null) {
      System.arraycopy(utf8, 0, arena, p, len);
    } else {
      for (int k = 0; k < len; k++) {
        arena[p + k] = (byte) name.charAt(k);
      }
    }
    arenaUsed = need;
    return rec;
  }

  private void grow() {
    int cap = (mask + 1) * 2;
    slots = new long[cap];
    mask = cap - 1;
    for (int id = 0; id < size; id++) {
      int rec = offsets[id];
      long h = hashOfRecord(rec);
      int i = (int) h & mask;
      while (slots[i] != 0) {
        i = (i + 1) & mask;
      }
      slots[i] = (h & 0xFFFF_FFFF_0000_0000L) | rec;
    }
  }

  private long hashOfRecord(int rec) {
    int len = length(rec);
    int p = bytesAt(rec);
    long h = 0xCBF2_9CE4_8422_2325L;
    for (int k = 0; k < len; k++) {
      byte b = arena[p + k];
      if (b < 0) {
        return hash(new String(arena, p, len, StandardCharsets.UTF_8)); // non-ASCII: hash the chars
      }
      h = (h ^ b) * 0x0000_0100_0000_01B3L;
    }
    return finish(h);
  }

  /** FNV-1a over the chars, then the murmur3 64-bit finaliser; the high 32 bits are never 0. */
  static long hash(String s) {
    long h = 0xCBF2_9CE4_8422_2325L;
    for (int i = 0, n = s.length(); i < n; i++) {
      h = (h ^ s.charAt(i)) * 0x0000_0100_0000_01B3L;
    }
    return finish(h);
  }

  private static long finish(long h) {
    h ^= h >>> 33;
    h *= 0xFF51_AFD7_ED55_8CCDL;
    h ^= h >>> 33;
    h *= 0xC4CE_B9FE_1A85_EC53L;
    h ^= h >>> 33;
    return (h & 0xFFFF_FFFF_0000_0000L) == 0 ? h | 1L << 32 : h; // 0 in the high half marks a free slot
  }
}

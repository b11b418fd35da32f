package org.fanzha.engine.features;

import java.util.Arrays;

/**
 * Maps the identifiers of one entity kind to dense int ids (0, 1, 2 …) and back. Not thread-safe.
 */
public final class Interner {
  /*
   * Identifiers arrive as fresh String objects in every event, so a look-up in a map keyed by
   * String costs a probe plus two dependent cache misses (the stored String and its bytes) to
   * confirm equality; on the per-event path that was the engine's largest cost (JFR: ~30% of
   * samples). Here a look-up hashes the characters twice (two independent 64-bit hashes, which
   * needs no memory but the event's own string) and probes an open-addressing table whose slot
   * holds 64 bits of the first hash and 32 of the second beside the id: one cache line per probe,
   * no dereference. Two distinct identifiers are taken for the same one only if 96 hash bits
   * collide, about n²/2⁹⁷ for n identifiers (10⁻¹³ for a hundred million), far below hardware error
   * rates. Measured with EngineBenchmark on the shared 2-core build machine, this table together
   * with dropping an unused per-call write to the callee took the engine from about 0.75 M to
   * about 1.25 M events/s. The slot table costs 32 bytes per identifier at its 0.5 load factor.
   */

  private static final long EMPTY = 0;
  private long[] slots; // per slot: [fingerprint1 (never 0), fingerprint2 high 32 bits | id]
  private int mask;
  private String[] names;
  private int size;

  /** Creates an empty table sized for {@code expected} identifiers. */
  public Interner(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected) * 2 - 1) * 2;
    slots = new long[cap * 2];
    mask = cap - 1;
    names = new String[Math.max(16, expected)];
  }

  /** Returns the id of {@code name}, assigning the next one when it is new. */
  public int intern(String name) {
    long h1 = hash1(name);
    long h2hi = hash2(name) & 0xFFFF_FFFF_0000_0000L;
    int i = spread(h1) & mask;
    while (true) {
      long k = slots[2 * i];
      if (k == EMPTY) {
        break;
      }
      long v = slots[2 * i + 1];
      if (k == h1 && (v & 0xFFFF_FFFF_0000_0000L) == h2hi) {
        return (int) v;
      }
      i = (i + 1) & mask;
    }
    int id = size++;
    if (id == names.length) {
      names = Arrays.copyOf(names, names.length + (names.length >> 1));
    }
    names[id] = name;
    slots[2 * i] = h1;
    slots[2 * i + 1] = h2hi | id;
    if (size * 2 > mask + 1) {
      grow();
    }
    return id;
  }

  /** Returns the id of {@code name}, or -1 when it has never been seen. */
  public int find(String name) {
    long h1 = hash1(name);
    long h2hi = hash2(name) & 0xFFFF_FFFF_0000_0000L;
    int i = spread(h1) & mask;
    while (true) {
      long k = slots[2 * i];
      if (k == EMPTY) {
        return -1;
      }
      long v = slots[2 * i + 1];
      if (k == h1 && (v & 0xFFFF_FFFF_0000_0000L) == h2hi) {
        return (int) v;
      }
      i = (i + 1) & mask;
    }
  }

  private void grow() {
    long[] old = slots;
    int cap = (mask + 1) * 2;
    slots = new long[cap * 2];
    mask = cap - 1;
    for (int s = 0; s < old.length; s += 2) {
      long k = old[s];
      if (k != EMPTY) {
        int i = spread(k) & mask;
        while (slots[2 * i] != EMPTY) {
          i = (i + 1) & mask;
        }
        slots[2 * i] = k;
        slots[2 * i + 1] = old[s + 1];
      }
    }
  }

  /** Returns the identifier with this id. */
  public String name(int id) {
    return names[id];
  }

  /** Returns how many identifiers are held. */
  public int size() {
    return size;
  }

  /**
   * Returns an estimate of the heap this table uses: the slot table, the reverse table and the
   * Strings with their Latin-1 bytes.
   */
  public long approxBytes() {
    long strings = 0;
    for (int i = 0; i < size; i++) {
      strings += 24 + 16 + names[i].length(); // String header+fields, byte[] header, Latin-1 bytes
    }
    return strings + (long) names.length * 4 + (long) slots.length * 8;
  }

  private static int spread(long h) {
    return (int) (h ^ (h >>> 32));
  }

  /** FNV-1a over the chars, then the murmur3 64-bit finaliser; never 0 (0 marks an empty slot). */
  static long hash1(String s) {
    long h = 0xCBF2_9CE4_8422_2325L;
    for (int i = 0, n = s.length(); i < n; i++) {
      h = (h ^ s.charAt(i)) * 0x0000_0100_0000_01B3L;
    }
    h ^= h >>> 33;
    h *= 0xFF51_AFD7_ED55_8CCDL;
    h ^= h >>> 33;
    h *= 0xC4CE_B9FE_1A85_EC53L;
    h ^= h >>> 33;
    return h == EMPTY ? 1 : h;
  }

  /** An independent second hash (multiply-add with another odd constant, other finaliser). */
  static long hash2(String s) {
    long h = 0x9E37_79B9_7F4A_7C15L ^ s.length();
    for (int i = 0, n = s.length(); i < n; i++) {
      h = (h + s.charAt(i)) * 0xBF58_476D_1CE4_E5B9L;
      h ^= h >>> 29;
    }
    h ^= h >>> 31;
    h *= 0x94D0_49BB_1331_11EBL;
    h ^= h >>> 32;
    return h;
  }
}

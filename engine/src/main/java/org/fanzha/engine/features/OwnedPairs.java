package org.fanzha.engine.features;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The pairs a keyed share keeps (decision 0041), each by the row of the side whose key asks about
 * it (its owner: the caller of "has p called q", the payee of "has this mule paid b"), and named on
 * the other side by the hash of that side's name, which another task's engine computes alike. So a
 * key's pairs can be listed, written with its state, put back under another id and forgotten with
 * it, and no answer depends on the ids an engine happened to give.
 *
 * <p>Each owner's pairs are an open-addressing set of 32-bit fingerprints of (kind, partner) in an
 * array of its own, its first slot the count: a first contact is taken for a repeat one with
 * probability about n / 2³² for an owner of n pairs (never the other way).
 */
public final class OwnedPairs {
  private static final int[] NONE = {};
  private static final int FIRST_SLOTS = 4;

  /** The owners' sets, by table (its {@link #table} index) and row; null for none. */
  private final int[][][] sets = {new int[16][], new int[16][]};

  private long pairs;

  /** A table whose rows own pairs: {@code 0} the phones, {@code 1} the accounts. */
  public static int table(boolean accounts) {
    return accounts ? 1 : 0;
  }

  /** Returns whether the pair was (probably) seen before, and records it. */
  public boolean testAndSet(int table, int owner, int kind, int partner) {
    return !add(table, owner, fingerprint(kind, partner));
  }

  /** Returns whether the pair was (probably) seen before, without recording it. */
  public boolean mightContain(int table, int owner, int kind, int partner) {
    int[] set = set(table, owner);
    return set != null && find(set, fingerprint(kind, partner)) < 0;
  }

  /** Forgets the pairs row {@code owner} of {@code table} owns (the row was forgotten). */
  public void forget(int table, int owner) {
    int[] set = set(table, owner);
    if (set != null) {
      pairs -= set[0];
      sets[table][owner] = null;
    }
  }

  /**
   * Returns the fingerprints of the pairs {@code owner} owns, in ascending order: the same pairs
   * list the same however their set grew.
   */
  public int[] of(int table, int owner) {
    int[] set = set(table, owner);
    if (set == null) {
      return NONE;
    }
    int[] out = new int[set[0]];
    int n = 0;
    for (int i = 1; i < set.length; i++) {
      if (set[i] != 0) {
        out[n++] = set[i];
      }
    }
    Arrays.sort(out);
    return out;
  }

  /** Adds fingerprints {@link #of} returned to the pairs {@code owner} owns. */
  public void putBack(int table, int owner, int[] fingerprints) {
    for (int fp : fingerprints) {
      if (fp == 0) {
        throw new IllegalArgumentException("a pair fingerprint of 0");
      }
      add(table, owner, fp);
    }
  }

  /** Adds {@code fp} to {@code owner}'s set; returns false when it was there already. */
  private boolean add(int table, int owner, int fp) {
    int[] set = set(table, owner);
    if (set != null && find(set, fp) < 0) {
      return false;
    }
    if (set == null || (set[0] + 1) * 4 > (set.length - 1) * 3) { // at most 3/4 full
      set = grown(set);
      int[][] t = sets[table];
      if (owner >= t.length) {
        sets[table] = t = Arrays.copyOf(t, Math.max(owner + 1, t.length + (t.length >> 1)));
      }
      t[owner] = set;
    }
    set[find(set, fp)] = fp;
    set[0]++;
    pairs++;
    return true;
  }

  /** Returns how many pairs are kept. */
  public long size() {
    return pairs;
  }

  /** Returns the bytes held (arrays as allocated). */
  public long approxBytes() {
    long b = 0;
    for (int[][] t : sets) {
      b += 16L + t.length * 4L;
      for (int[] set : t) {
        b += set == null ? 0 : 16L + set.length * 4L;
      }
    }
    return b;
  }

  /** Writes every owner's pairs (a whole share's checkpoint), for {@link #read}. */
  public void write(DataOutputStream out) throws IOException {
    for (int t = 0; t < sets.length; t++) {
      int owners = 0;
      for (int[] set : sets[t]) {
        owners += set == null ? 0 : 1;
      }
      out.writeInt(owners);
      for (int row = 0; row < sets[t].length; row++) {
        if (sets[t][row] != null) {
          int[] fps = of(t, row);
          out.writeInt(row);
          out.writeInt(fps.length);
          for (int fp : fps) {
            out.writeInt(fp);
          }
        }
      }
    }
  }

  /**
   * Reads what {@link #write} wrote, for tables of {@code phones} and {@code accounts} rows (ids
   * below them).
   */
  public static OwnedPairs read(DataInputStream in, int phones, int accounts) throws IOException {
    OwnedPairs p = new OwnedPairs();
    for (int t = 0; t < p.sets.length; t++) {
      int owners = in.readInt();
      int rows = t == table(true) ? accounts : phones;
      for (int k = 0; k < owners; k++) {
        int row = in.readInt();
        int n = in.readInt();
        if (row < 0 || row >= rows || n < 0 || n > 1 << 24) {
          throw new IOException("bad owned pairs: row " + row + ", " + n + " pairs");
        }
        int[] fps = new int[n];
        for (int i = 0; i < n; i++) {
          fps[i] = in.readInt();
        }
        try {
          p.putBack(t, row, fps);
        } catch (IllegalArgumentException e) {
          throw new IOException(e.getMessage(), e);
        }
      }
    }
    return p;
  }

  private int @org.jspecify.annotations.Nullable [] set(int table, int owner) {
    int[][] t = sets[table];
    return owner < t.length ? t[owner] : null;
  }

  /** Returns {@code set} in twice the slots (a fresh one for null), its count kept. */
  private static int[] grown(int @org.jspecify.annotations.Nullable [] set) {
    if (set == null) {
      return new int[1 + FIRST_SLOTS];
    }
    int[] bigger = new int[1 + (set.length - 1) * 2];
    for (int i = 1; i < set.length; i++) {
      if (set[i] != 0) {
        bigger[find(bigger, set[i])] = set[i];
      }
    }
    bigger[0] = set[0];
    return bigger;
  }

  /**
   * Probes {@code set} for {@code fp}: returns {@code ~slot} of the slot holding it, or the free
   * slot where it goes ({@code >= 1}).
   */
  private static int find(int[] set, int fp) {
    int slots = set.length - 1; // a power of two
    int i = fp & (slots - 1);
    while (true) {
      int s = set[1 + i];
      if (s == fp) {
        return ~(1 + i);
      }
      if (s == 0) {
        return 1 + i;
      }
      i = (i + 1) & (slots - 1);
    }
  }

  private static int fingerprint(int kind, int partner) {
    int fp = (int) (PairMemory.hash(kind, 0, partner) >>> 32);
    return fp == 0 ? 1 : fp;
  }
}

package org.fanzha.engine.scoring;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.fanzha.engine.features.FeatureTable;
import org.fanzha.engine.rules.file.RuleSpec;
import org.jspecify.annotations.Nullable;

/**
 * The pieces a key's bytes are made of ({@link KeyState}): slices, reasons as rule codes, names. A
 * holder's, number's or account's slice is written sparse (the width, then only the words that are
 * not 0): it is mostly empty windows. A node's are written whole (format 1, decision 0038).
 */
final class KeyBytes {
  private KeyBytes() {}

  /** Writes {@code slice} as its width and its words that are not 0, each with its offset. */
  static void writeSparse(DataOutput out, int[] slice) throws IOException {
    int set = 0;
    for (int w : slice) {
      set += w == 0 ? 0 : 1;
    }
    out.writeShort(slice.length);
    out.writeShort(set);
    for (int i = 0; i < slice.length; i++) {
      if (slice[i] != 0) {
        out.writeShort(i);
        out.writeInt(slice[i]);
      }
    }
  }

  /**
   * Writes entity {@code id}'s slice sparse, the words that name other rows by id here zeroed
   * ({@link FeatureTable#copySliceUnlinked}): those links travel by name.
   */
  static void writeUnlinked(DataOutput out, FeatureTable t, int id) throws IOException {
    int[] slice = new int[t.sliceWords()];
    t.copySliceUnlinked(id, slice);
    writeSparse(out, slice);
  }

  /**
   * Reads a slice {@link #writeUnlinked} wrote, refused when it cannot be pasted into {@code t}.
   */
  static int[] readSlice(DataInput in, FeatureTable t) throws IOException {
    int[] slice = readSparse(in);
    if (!t.fitsSlice(slice.length)) {
      throw new IOException(
          "a slice of " + slice.length + " words, this kind has " + t.sliceWords());
    }
    return slice;
  }

  /** Writes the name of row {@code id} of {@code t}, or that there is none ({@code -1}). */
  static void writeName(DataOutput out, FeatureTable t, int id) throws IOException {
    writeName(out, id >= 0 ? t.name(id) : null);
  }

  /** Writes {@code name}, or that there is none. */
  static void writeName(DataOutput out, @Nullable String name) throws IOException {
    out.writeBoolean(name != null);
    if (name != null) {
      out.writeUTF(name);
    }
  }

  /** Reads what {@link #writeName} wrote. */
  static @Nullable String readName(DataInput in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }

  /** Writes the fingerprints of the pairs a key owns ({@code OwnedPairs}), sorted. */
  static void writePairs(DataOutput out, int[] fingerprints) throws IOException {
    out.writeInt(fingerprints.length);
    for (int fp : fingerprints) {
      out.writeInt(fp);
    }
  }

  /** Reads what {@link #writePairs} wrote; a fingerprint is never 0. */
  static int[] readPairs(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1 << 24) {
      throw new IOException(n + " pairs");
    }
    int[] pairs = new int[n];
    for (int i = 0; i < n; i++) {
      pairs[i] = in.readInt();
      if (pairs[i] == 0) {
        throw new IOException("a pair fingerprint of 0");
      }
    }
    return pairs;
  }

  /** Reads a slice {@link #writeSparse} wrote, as wide as it was written. */
  static int[] readSparse(DataInput in) throws IOException {
    int[] slice = new int[in.readUnsignedShort()];
    for (int n = in.readUnsignedShort(); n > 0; n--) {
      int at = in.readUnsignedShort();
      if (at >= slice.length) {
        throw new IOException("word " + at + " of a slice of " + slice.length);
      }
      slice[at] = in.readInt();
    }
    return slice;
  }

  /**
   * Puts {@code slice} into entity {@code id} of {@code t}, widened as {@link
   * FeatureTable#pasteSlice} does.
   */
  static void paste(FeatureTable t, int id, int[] slice) throws IOException {
    try {
      t.pasteSlice(id, slice);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** Writes the reasons of entity {@code id}'s held risk as the codes of its rules. */
  static void writeReasons(
      DataOutput out, EngineState s, RuleSpec.Kind rules, FeatureTable t, int id)
      throws IOException {
    writeReasons(out, s, rules, t.reasonMask(id));
  }

  /** Writes the reasons of {@code mask} (rule bits here) as the codes of their rules. */
  static void writeReasons(DataOutput out, EngineState s, RuleSpec.Kind rules, long mask)
      throws IOException {
    out.writeByte(Long.bitCount(mask));
    for (long m = mask; m != 0; m &= m - 1) {
      String code = s.codes.code(rules, Long.numberOfTrailingZeros(m));
      out.writeUTF(code == null ? "" : code);
    }
  }

  /** Reads the codes {@link #writeReasons} wrote. */
  static String[] readCodes(DataInput in) throws IOException {
    String[] codes = new String[in.readUnsignedByte()];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = in.readUTF();
    }
    return codes;
  }

  /**
   * Gives entity {@code id}'s held risk the reasons {@code codes} name here; a code no rule book in
   * force here has used is dropped.
   */
  static void setReasons(
      EngineState s, RuleSpec.Kind rules, FeatureTable t, int id, String[] codes) {
    t.setRisk(id, t.score(id), mask(s, rules, codes), t.roleMask(id));
  }

  /** Returns the rule bits here of {@code codes}; a code no rule book here has used is dropped. */
  static long mask(EngineState s, RuleSpec.Kind rules, String[] codes) {
    long mask = 0;
    for (String code : codes) {
      int bit = s.codes.bit(rules, code);
      mask |= bit < 0 ? 0 : 1L << bit;
    }
    return mask;
  }
}

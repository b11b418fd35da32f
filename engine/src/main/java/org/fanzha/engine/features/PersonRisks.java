package org.fanzha.engine.features;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntConsumer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * The risk held for phones as people who may be being defrauded (their victim standing), kept apart
 * from their risk as numbers that call and send (decision 0023): what makes a number suspect must
 * not be its owner's bad luck. Few phones ever have one, so it is a map by phone id; the peak rules
 * are a feature table's ({@link FeatureTable#raise}).
 */
public final class PersonRisks {
  private final Int2IntOpenHashMap words =
      new Int2IntOpenHashMap(); // score | roles << 8, as a table's risk word
  private final Int2LongOpenHashMap masks = new Int2LongOpenHashMap();

  /** Returns the held score of phone {@code id} as a person (0 when none). */
  public int score(int id) {
    return (byte) words.get(id);
  }

  /** Returns the held roles as a bit mask of role ordinals. */
  public int roleMask(int id) {
    return (byte) (words.get(id) >>> 8);
  }

  /** Returns the reasons (rule bits) of the held score. */
  public long reasonMask(int id) {
    return masks.get(id);
  }

  /** Raises the held risk as {@link FeatureTable#raise} does. */
  public void raise(int id, int s, long mask, int roleBits) {
    int old = score(id);
    int word = FeatureTable.raisedWord(old, roleMask(id), s, roleBits);
    if (word == 0) {
      return; // nothing held, nothing offered
    }
    long m = FeatureTable.raisedMask(old, masks.get(id), s, mask);
    words.put(id, word);
    if (m != 0) {
      masks.put(id, m);
    } else {
      masks.remove(id); // a higher peak without reasons replaces the reasons held
    }
  }

  /** Returns whether anything is held for phone {@code id}. */
  public boolean holds(int id) {
    return words.containsKey(id);
  }

  /**
   * Puts back what was held for phone {@code id}: a held score, its roles (a bit mask) and reasons
   * (rule bits); nothing when the score and roles are 0.
   */
  public void restore(int id, int score, int roleMask, long reasonMask) {
    clear(id);
    int word = (score & 0xFF) | (roleMask & 0xFF) << 8;
    if (word != 0) {
      words.put(id, word);
      if (reasonMask != 0) {
        masks.put(id, reasonMask);
      }
    }
  }

  /** Drops what is held for phone {@code id} (a label clearing it, a list entry lifted). */
  public void clear(int id) {
    words.remove(id);
    masks.remove(id);
  }

  /**
   * Hands every phone id with something held to {@code sink}, in ascending order (the same order
   * after a restore).
   */
  public void forEach(IntConsumer sink) {
    for (int id : sortedIds()) {
      sink.accept(id);
    }
  }

  private int[] sortedIds() {
    int[] ids = words.keySet().toIntArray();
    Arrays.sort(ids);
    return ids;
  }

  /** Returns how many phones hold a risk as a person. */
  public int size() {
    return words.size();
  }

  /** Returns an estimate of the bytes held (the maps' arrays). */
  public long approxBytes() {
    return 16L + 13L * (words.size() + masks.size()) * 2;
  }

  /** Writes the held risks, ids ascending. */
  public void write(DataOutputStream out) throws IOException {
    int[] ids = sortedIds();
    out.writeInt(ids.length);
    for (int id : ids) {
      out.writeInt(id);
      out.writeInt(words.get(id));
      out.writeLong(masks.get(id));
    }
  }

  /** Reads what {@link #write} wrote into this (empty) set. */
  public void read(DataInputStream in) throws IOException {
    int n = in.readInt();
    for (int k = 0; k < n; k++) {
      int id = in.readInt();
      words.put(id, in.readInt());
      long m = in.readLong();
      if (m != 0) {
        masks.put(id, m);
      }
    }
  }
}

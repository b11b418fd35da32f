package org.fanzha.store;

import java.util.Arrays;

/** A growing list of sequence numbers without boxing them. */
final class SeqList {
  private long[] values = new long[4];
  private int size;

  void add(long seq) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = seq;
  }

  int size() {
    return size;
  }

  long get(int i) {
    return values[i];
  }

  long last() {
    return values[size - 1];
  }

  /** Returns the backing array (valid up to {@link #size}), not a copy. */
  long[] array() {
    return values;
  }
}

package org.fanzha.engine.scoring;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Requests a step makes of an entity other than the ones its event names (decision 0023): kept in
 * arrival order while the event is scored, carried out after its decision. A keyed runner carries
 * the same requests between operators on its feedback path, so both runners apply them after the
 * event that caused them. Primitive arrays in a ring: the per-event path allocates nothing.
 */
final class Feedback {
  private int[] ops = new int[64];
  private int[] as = new int[64];
  private int[] bs = new int[64];
  private long[] times = new long[64];
  private @Nullable String[] names = new String[64];
  private int head;
  private int size;

  /** The request taken by the last {@link #poll}. */
  int op;

  int a;
  int b;

  /** The name of {@link #b} where a keyed share names it so ({@code b} is then its hash). */
  @Nullable String name;

  long ts;

  void add(int op, int a, int b, long ts) {
    add(op, a, b, null, ts);
  }

  void add(int op, int a, int b, @Nullable String name, long ts) {
    if (size == ops.length) {
      grow();
    }
    int i = (head + size) & (ops.length - 1);
    ops[i] = op;
    as[i] = a;
    bs[i] = b;
    names[i] = name;
    times[i] = ts;
    size++;
  }

  /**
   * Takes the oldest request into {@link #op}, {@link #a}, {@link #b}, {@link #ts}; false when
   * there is none.
   */
  boolean poll() {
    if (size == 0) {
      return false;
    }
    op = ops[head];
    a = as[head];
    b = bs[head];
    name = names[head];
    names[head] = null;
    ts = times[head];
    head = (head + 1) & (ops.length - 1);
    size--;
    return true;
  }

  boolean isEmpty() {
    return size == 0;
  }

  private void grow() {
    int n = ops.length;
    ops = unroll(ops, n);
    as = unroll(as, n);
    bs = unroll(bs, n);
    long[] t = new long[n * 2];
    for (int k = 0; k < n; k++) {
      t[k] = times[(head + k) & (n - 1)];
    }
    times = t;
    @Nullable String[] named = new String[n * 2];
    for (int k = 0; k < n; k++) {
      named[k] = names[(head + k) & (n - 1)];
    }
    names = named;
    head = 0;
  }

  private int[] unroll(int[] from, int n) {
    int[] to = Arrays.copyOf(from, n * 2);
    for (int k = 0; k < n; k++) {
      to[k] = from[(head + k) & (n - 1)];
    }
    return to;
  }
}

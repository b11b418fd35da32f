package org.fanzha.flink.score;

import it.unimi.dsi.fastutil.longs.LongIterator;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.LongSupplier;
import org.fanzha.engine.replay.EventIds;

/**
 * The event ids a scorer has processed, for as long as a repeat is plausible: ids are kept in two
 * generations, each the ids of one aligned {@code window} of event time (the current one and the
 * one before), so a repeat within one window of the accepted event is always recognised and one two
 * windows or more later never is (a recognised repeat does not renew the id). A late event counts
 * in the current generation; an event dated ahead of the clock moves the windows only as far as the
 * clock, so it cannot make recent ids be forgotten early. A stream that never ends then holds the
 * ids of one to two windows, not of every event since the job began (8 bytes each, in every
 * checkpoint). With an unbounded window (a file replay) nothing is ever forgotten.
 */
public final class SeenIds {
  /**
   * Never forget: for bounded inputs, where every repeat must be caught as the embedded replay
   * does.
   */
  static final long FOREVER = Long.MAX_VALUE;

  private final long windowMs;
  private final LongSupplier clock;
  private LongOpenHashSet current = new LongOpenHashSet();
  private LongOpenHashSet previous = new LongOpenHashSet();

  /** Which window the current generation is, {@code floor(ts / window)}; none yet at first. */
  private long currentWindow = Long.MIN_VALUE;

  public SeenIds(long windowMs, LongSupplier clock) {
    if (windowMs <= 0) {
      throw new IllegalArgumentException(
          "the dedupe window must be positive, not " + windowMs + " ms");
    }
    this.windowMs = windowMs;
    this.clock = clock;
  }

  /** Records an event's id at its time; returns false when the id was seen within the window. */
  public boolean firstTime(String id, long ts) {
    long hash = EventIds.hash(id);
    rotate(Math.min(ts, clock.getAsLong()));
    return !previous.contains(hash) && current.add(hash);
  }

  /** Ids held now, for the state-size figures. */
  int size() {
    return current.size() + previous.size();
  }

  /**
   * Starts a new generation when event time enters a later window; the one before it survives a
   * window more.
   */
  private void rotate(long ts) {
    long window = windowMs == FOREVER ? 0 : Math.floorDiv(ts, windowMs);
    if (currentWindow == Long.MIN_VALUE) {
      currentWindow = window;
      return;
    }
    if (window <= currentWindow) {
      return;
    }
    previous = window == currentWindow + 1 ? current : new LongOpenHashSet();
    current = new LongOpenHashSet();
    currentWindow = window;
  }

  void write(DataOutput out) throws IOException {
    out.writeLong(windowMs);
    out.writeLong(currentWindow);
    write(current, out);
    write(previous, out);
  }

  /**
   * Reads what {@link #write} wrote. When the job now runs with another window, the stored windows
   * cannot be mapped to the new ones: every stored id is kept as the generation before, so it is
   * remembered for one new window more.
   */
  static SeenIds read(DataInput in, long windowMs, LongSupplier clock) throws IOException {
    SeenIds s = new SeenIds(windowMs, clock);
    long storedWindowMs = in.readLong();
    long storedWindow = in.readLong();
    LongOpenHashSet current = readSet(in);
    LongOpenHashSet previous = readSet(in);
    if (storedWindowMs == windowMs) {
      s.currentWindow = storedWindow;
      s.current = current;
      s.previous = previous;
    } else {
      previous.addAll(current);
      s.previous =
          previous; // currentWindow stays unset: the next event starts the first new window
    }
    return s;
  }

  private static void write(LongOpenHashSet set, DataOutput out) throws IOException {
    out.writeInt(set.size());
    for (LongIterator it = set.iterator(); it.hasNext(); ) {
      out.writeLong(it.nextLong());
    }
  }

  private static LongOpenHashSet readSet(DataInput in) throws IOException {
    int n = in.readInt();
    LongOpenHashSet set = new LongOpenHashSet(n);
    for (int i = 0; i < n; i++) {
      set.add(in.readLong());
    }
    return set;
  }
}

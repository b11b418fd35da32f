package org.fanzha.store;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Which event ids may be journaled already, so that an append asks the table only about those: the
 * table's look-up of every id was 40 % of the decide path's journal time under load, for ids that
 * are almost always new.
 *
 * <p>Bloom filters, one per million ids or so: when the newest is full a new one of twice its size
 * is started, so the false positives stay near {@value #FALSE_POSITIVES} however many ids come (a
 * false positive costs one look-up, never a wrong answer). Until every id the table held at start
 * has been added ({@link #complete}), every id may be taken.
 */
final class JournaledIds {

  static final double FALSE_POSITIVES = 0.01;

  private final List<BloomFilter<CharSequence>> filters = new ArrayList<>(); // guarded by this
  private long inNewest; // guarded by this
  private long newestCapacity; // guarded by this
  private volatile boolean complete;

  /** Sized for about {@code expected} ids before the first filter is full. */
  JournaledIds(long expected) {
    startFilter(Math.max(1_000, expected));
  }

  private void startFilter(long capacity) {
    filters.add(
        BloomFilter.create(
            Funnels.stringFunnel(StandardCharsets.UTF_8), capacity, FALSE_POSITIVES));
    newestCapacity = capacity;
    inNewest = 0;
  }

  synchronized void add(String id) {
    if (inNewest == newestCapacity) {
      startFilter(newestCapacity * 2);
    }
    filters.get(filters.size() - 1).put(id);
    inNewest++;
  }

  /** Says that every id journaled before this process began has been added. */
  void complete() {
    complete = true;
  }

  /** Returns whether every id journaled before this process began has been added. */
  boolean isComplete() {
    return complete;
  }

  /** Returns false only for an id certainly not journaled. */
  synchronized boolean mayBeJournaled(String id) {
    if (!complete) {
      return true;
    }
    for (BloomFilter<CharSequence> f : filters) {
      if (f.mightContain(id)) {
        return true;
      }
    }
    return false;
  }

  /** Returns how many filters hold the ids (one more each time the newest fills). */
  synchronized int filters() {
    return filters.size();
  }
}

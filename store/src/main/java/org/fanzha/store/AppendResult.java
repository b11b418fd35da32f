package org.fanzha.store;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link EventJournal#append} did with each event of a batch, by position: the journal
 * sequence number it was given, or none because its id was already journaled (or appeared earlier
 * in the same batch).
 */
public final class AppendResult {

  private final long[] seqs;
  private final List<String> ids;
  private final int appended;

  AppendResult(long[] seqs, List<String> ids) {
    this.seqs = seqs;
    this.ids = ids;
    int n = 0;
    for (long s : seqs) {
      if (s > 0) {
        n++;
      }
    }
    this.appended = n;
  }

  /** Returns how many events the batch had. */
  public int size() {
    return seqs.length;
  }

  /** Returns whether the event at {@code index} was a duplicate and so was not journaled again. */
  public boolean isDuplicate(int index) {
    return seqs[index] == 0;
  }

  /** Returns the journal sequence number of the event at {@code index}, or 0 for a duplicate. */
  public long seq(int index) {
    return seqs[index];
  }

  /** Returns how many events were newly journaled. */
  public int appended() {
    return appended;
  }

  /** Returns how many events were duplicates. */
  public int duplicates() {
    return seqs.length - appended;
  }

  /** Returns the ids of the duplicates, in batch order. */
  public List<String> duplicateIds() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < seqs.length; i++) {
      if (seqs[i] == 0) {
        out.add(ids.get(i));
      }
    }
    return out;
  }
}

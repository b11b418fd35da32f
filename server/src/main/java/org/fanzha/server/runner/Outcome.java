package org.fanzha.server.runner;

import java.util.List;
import org.fanzha.engine.Decision;
import org.jspecify.annotations.Nullable;

/** What the runner did with each event of one submission, in submission order. */
public record Outcome(List<Item> items) {

  public Outcome {
    items = List.copyOf(items);
  }

  /**
   * One event's fate: journaled under {@code seq} and decided, or a duplicate ({@code seq == 0})
   * that was not processed again. {@code decision} is null for duplicates and if the engine failed
   * on the event (logged and counted).
   */
  public record Item(String eventId, long seq, @Nullable Decision decision) {
    /** Returns whether the id was already journaled, so the event was not processed again. */
    public boolean duplicate() {
      return seq == 0;
    }
  }

  /** Returns how many events were newly accepted. */
  public int accepted() {
    int n = 0;
    for (Item i : items) {
      if (!i.duplicate()) {
        n++;
      }
    }
    return n;
  }

  /** Returns how many were duplicates. */
  public int duplicates() {
    return items.size() - accepted();
  }
}

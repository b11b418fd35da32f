package org.fanzha.server.work;

import org.jspecify.annotations.Nullable;

/**
 * One piece of work as the case list shows it.
 *
 * @param kind {@code warning}, {@code hold}, {@code appeal} or {@code clue}
 * @param ref the item's id in its own table
 * @param title what it is, personal data masked
 * @param unit the GB/T 2260 unit or region it belongs to, if any
 * @param dueMs when it must be done (or its next step), if it has a due time
 * @param status the item's own state
 * @param link the console page that works it
 * @param assignee who works it, null when nobody does yet
 */
public record WorkItem(
    String kind,
    String ref,
    String title,
    @Nullable String unit,
    @Nullable Long dueMs,
    String status,
    String link,
    @Nullable String assignee,
    long notes) {

  /** Returns whether it is late at {@code now}. */
  public boolean overdue(long now) {
    return dueMs != null && dueMs < now;
  }

  String key() {
    return kind + ":" + ref;
  }
}

package org.fanzha.store;

import java.util.List;
import org.fanzha.core.event.ListKind;
import org.jspecify.annotations.Nullable;

/**
 * An appeal against a listing or restriction (反电信网络诈骗法 第32条), as the person sent it and as it was
 * decided.
 *
 * @param value normalised as EVENTS.md says for its kind
 * @param status {@code open}, {@code upheld} or {@code rejected}
 * @param entries ids of the list entries in force when it was sent (may be empty: a restriction by
 *     the rules)
 * @param dueAtMs by when a reviewer should decide
 */
public record Appeal(
    String id,
    ListKind kind,
    String value,
    String statement,
    String contact,
    String status,
    List<String> entries,
    long createdAtMs,
    long dueAtMs,
    @Nullable String decidedBy,
    @Nullable Long decidedAtMs,
    @Nullable String note) {

  public Appeal {
    entries = List.copyOf(entries);
  }

  /** A file sent with an appeal, checked on arrival. */
  public record File(String name, String contentType, byte[] content) {}
}

package org.fanzha.core.codec;

import org.jspecify.annotations.Nullable;

/**
 * Why an input event was refused: where it was ({@code line} in a file, or 1-based position in a
 * JSON array), its id if one could be read, the offending field ({@code "(json)"} for malformed
 * JSON) and the reason.
 */
public record Rejection(long line, @Nullable String eventId, String field, String reason) {

  /** Returns a one-line description such as {@code line 7: amount: must be greater than zero}. */
  public String describe() {
    return "line "
        + line
        + (eventId != null ? " (id " + eventId + ")" : "")
        + ": "
        + field
        + ": "
        + reason;
  }
}

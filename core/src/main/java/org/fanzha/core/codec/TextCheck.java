package org.fanzha.core.codec;

import org.jspecify.annotations.Nullable;

/**
 * The one check every string of an event passes before anything stores it. PostgreSQL refuses a NUL
 * in text and its driver turns an unpaired surrogate into {@code ?} (so two different ids collide),
 * while H2 takes both: refusing them here makes both stores accept exactly the same events, and one
 * sender's bad bytes can never fail a commit shared with other senders.
 */
public final class TextCheck {

  private TextCheck() {}

  /**
   * Returns why {@code s} cannot be stored, or null when it can: a NUL, a control character (tab,
   * line feed and carriage return are allowed in free text), or an unpaired UTF-16 surrogate.
   */
  public static @Nullable String problem(String s, boolean freeText) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20) {
        if (c == 0) {
          return "contains a NUL character (U+0000)";
        }
        if (!freeText || (c != '\t' && c != '\n' && c != '\r')) {
          return "contains the control character U+" + hex(c);
        }
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return "contains an unpaired surrogate U+" + hex(c) + " (not valid Unicode text)";
        }
      }
    }
    return null;
  }

  /**
   * Returns {@code s} with every character {@link #problem} objects to replaced by U+FFFD, for
   * storing text that must be kept whatever it holds (a refused event's raw text and reason).
   */
  public static String storable(String s) {
    StringBuilder out = null;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      boolean bad;
      if (c < 0x20) {
        bad = c != '\t' && c != '\n' && c != '\r';
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        if (out != null) {
          out.append(c).append(s.charAt(i + 1));
        }
        i++;
        continue;
      } else {
        bad = Character.isSurrogate(c);
      }
      if (bad && out == null) {
        out = new StringBuilder(n).append(s, 0, i);
      }
      if (out != null) {
        out.append(bad ? '\uFFFD' : c);
      }
    }
    return out == null ? s : out.toString();
  }

  private static String hex(char c) {
    return String.format("%04X", (int) c);
  }
}

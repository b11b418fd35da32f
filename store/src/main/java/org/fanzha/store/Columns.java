package org.fanzha.store;

import java.util.ArrayList;
import java.util.List;

/** Values cut to what the tables' columns hold, for the services that fill them. */
public final class Columns {
  /** The most evidence ids a row keeps, and the characters they may fill joined by commas. */
  public static final int MAX_EVIDENCE = 32;

  public static final int MAX_EVIDENCE_CHARS = 4000;

  private Columns() {}

  /** Returns the first evidence ids, as many as an evidence column holds. */
  public static List<String> evidence(List<String> ids) {
    List<String> out = new ArrayList<>(Math.min(ids.size(), MAX_EVIDENCE));
    int length = 0;
    for (String id : ids) {
      length += id.length() + 1;
      if (out.size() == MAX_EVIDENCE || length > MAX_EVIDENCE_CHARS) {
        break;
      }
      out.add(id);
    }
    return out;
  }

  /** Returns {@code text}, cut to {@code max} characters with an ellipsis when longer. */
  public static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}

package org.fanzha.engine.rules.lang;

/**
 * The types of the rule language. Numbers are one type (the features are counts, shares and days;
 * all fit a double exactly); a missing event field is {@code null} of its type, and any comparison
 * with it is false.
 */
public enum Type {
  BOOL("bool"),
  NUMBER("number"),
  STRING("string"),
  /** The literal {@code null}, comparable with anything that may be missing. */
  NULL("null"),
  /** A list literal, only on the right of {@code in}. */
  LIST("list");

  private final String display;

  Type(String display) {
    this.display = display;
  }

  @Override
  public String toString() {
    return display;
  }
}

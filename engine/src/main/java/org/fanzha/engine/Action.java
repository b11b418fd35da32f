package org.fanzha.engine;

import java.util.Locale;

/** What the engine asks the caller to do with an event; merged by {@link #priority()}. */
public enum Action {
  ALLOW(0),
  WARN(1),
  DELAY(2),
  HOLD(3);

  private final int priority;

  Action(int priority) {
    this.priority = priority;
  }

  /** Returns the rank used when merging: the higher wins. */
  public int priority() {
    return priority;
  }

  /** Returns the stronger of the two actions. */
  public Action max(Action other) {
    return other.priority > priority ? other : this;
  }

  /** Returns the wire name ({@code allow} … {@code hold}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

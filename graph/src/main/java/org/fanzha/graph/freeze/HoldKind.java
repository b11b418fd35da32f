package org.fanzha.graph.freeze;

import java.time.Duration;
import java.util.Locale;

/** The two holds the law gives the police over an account (LAW.md 第20条). */
public enum HoldKind {
  /** 紧急止付: 48 hours receive-only; renewable once, so two stops in all. */
  STOP,
  /** 快速冻结: up to 6 months per term, renewable. */
  FREEZE;

  /** The fixed length of a stop. */
  public static final Duration STOP_TERM = Duration.ofHours(48);

  /** How many times a stop may be renewed. */
  public static final int STOP_MAX_RENEWALS = 1;

  /** The longest term of one freeze, in calendar months. */
  public static final int FREEZE_MAX_MONTHS = 6;

  /** Returns the lower-case wire name. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

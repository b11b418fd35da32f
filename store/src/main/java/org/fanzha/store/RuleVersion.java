package org.fanzha.store;

import org.jspecify.annotations.Nullable;

/**
 * One stored rule set version: its text as submitted, who wrote it, and where it is in its life.
 *
 * @param state {@code draft}, {@code shadow}, {@code live} or {@code retired}
 */
public record RuleVersion(
    long version,
    String state,
    String source,
    String author,
    long createdAtMillis,
    @Nullable String publishedBy,
    @Nullable Long publishedAtMillis,
    @Nullable String note) {

  public static final String DRAFT = "draft";
  public static final String SHADOW = "shadow";
  public static final String LIVE = "live";
  public static final String RETIRED = "retired";
}

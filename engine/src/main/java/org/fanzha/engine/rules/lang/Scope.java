package org.fanzha.engine.rules.lang;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * The names an expression may use: the features of one entity kind, the rule file's params, the
 * event's fields.
 */
public interface Scope {

  /** Returns the feature called {@code name}, or null. */
  @Nullable Field feature(String name);

  /** Returns every feature name, for suggestions. */
  Collection<String> featureNames();

  /** Returns the param with this dotted name ({@code phone.min_calls}), or null. */
  @Nullable Double param(String name);

  /** Returns every param name, for suggestions. */
  Collection<String> paramNames();

  /** Returns the event field called {@code name}, or null. */
  @Nullable Field eventField(String name);

  /** Returns every event field name, for suggestions. */
  Collection<String> eventFieldNames();
}

package org.fanzha.engine.rules;

/** A test over one entity's features; must not allocate (it runs on every event). */
@FunctionalInterface
public interface Condition<F> {

  /** Returns whether the rule fires for these features. */
  boolean test(F features);
}

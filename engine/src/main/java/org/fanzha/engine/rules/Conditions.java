package org.fanzha.engine.rules;

/**
 * The conditions of a rule set, evaluated together: returns a mask whose bit {@code i} says rule
 * {@code i} holds. The compiled form is one generated class per rule set ({@link RuleCompiler}); it
 * must not allocate, as it runs for every entity an event touches.
 */
@FunctionalInterface
public interface Conditions {

  /**
   * Returns the mask of rules that hold for these features (the kind's flyweight) and this event.
   */
  long test(Object features, EventView event);
}

package org.fanzha.engine.features;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an accessor rules may read, under {@code name}, with what it means. The rule language's
 * catalogue ({@code ./fanzha rules features}) is read from these marks, so a feature is named and
 * explained in one place, next to the code that computes it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RuleField {

  /** Returns the name rules use (snake_case). */
  String name();

  /** Returns what the value is, for analysts. */
  String meaning();
}

package org.fanzha.engine.rules.lang;

import java.util.List;

/** An expression that cannot be read or typed; holds every problem found, in text order. */
public final class ExpressionException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public ExpressionException(List<Problem> problems) {
    super(
        problems.isEmpty()
            ? "invalid expression"
            : problems.get(0).offset() + ": " + problems.get(0).message());
    this.problems = List.copyOf(problems);
  }

  /** Returns every problem found, in text order. */
  public List<Problem> problems() {
    return problems;
  }
}

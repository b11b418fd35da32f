package org.fanzha.engine.rules.file;

import java.util.List;

/**
 * A rule file that cannot be used; holds every problem found, in file order. Nothing was changed.
 */
public final class RuleFileException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<RuleFileProblem> problems;

  public RuleFileException(List<RuleFileProblem> problems) {
    super(
        problems.size()
            + " problem(s), the first: "
            + (problems.isEmpty()
                ? "?"
                : problems.get(0).line()
                    + ":"
                    + problems.get(0).column()
                    + ": "
                    + problems.get(0).message()));
    this.problems = problems.stream().sorted().toList();
  }

  /** Returns every problem, in file order. */
  public List<RuleFileProblem> problems() {
    return problems;
  }
}

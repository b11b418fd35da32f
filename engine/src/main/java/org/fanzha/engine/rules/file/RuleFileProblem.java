package org.fanzha.engine.rules.file;

/**
 * One problem of a rule file, at a 1-based line and column (as editors count).
 *
 * @param line the line, from 1
 * @param column the column, from 1
 * @param message what is wrong
 */
public record RuleFileProblem(int line, int column, String message)
    implements Comparable<RuleFileProblem> {

  /** Returns {@code file:line:column: message}, the form compilers print. */
  public String describe(String file) {
    return file + ":" + line + ":" + column + ": " + message;
  }

  @Override
  public int compareTo(RuleFileProblem o) {
    return line != o.line ? Integer.compare(line, o.line) : Integer.compare(column, o.column);
  }
}

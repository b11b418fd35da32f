package org.fanzha.engine.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fanzha.engine.rules.file.RuleFileException;
import org.fanzha.engine.rules.file.RuleFileProblem;

/**
 * Rule files on disk, for the command line: read, check, and report problems as {@code
 * FILE:LINE:COLUMN: message}.
 */
public final class RuleFiles {

  private RuleFiles() {}

  /**
   * A rule file that cannot be used; its message lists every problem, one per line, as compilers
   * print them.
   */
  public static final class InvalidRuleFile extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient RuleFileException problems;

    InvalidRuleFile(Path file, RuleFileException e) {
      super(describe(file, e));
      this.problems = e;
    }

    /** Returns the problems found. */
    public RuleFileException problems() {
      return problems;
    }
  }

  /**
   * Returns the rule book of a file; params it does not give keep the shipped values.
   *
   * @throws InvalidRuleFile listing every problem
   * @throws UncheckedIOException when it cannot be read
   */
  public static RuleBook load(Path file) {
    try {
      long size = Files.size(file);
      if (size > org.fanzha.engine.rules.file.RuleFileReader.MAX_BYTES) {
        throw new InvalidRuleFile(
            file,
            new RuleFileException(
                java.util.List.of(
                    new RuleFileProblem(
                        1,
                        1,
                        "the rule file has "
                            + size
                            + " bytes; at most "
                            + org.fanzha.engine.rules.file.RuleFileReader.MAX_BYTES
                            + " (1 MiB) are accepted"))));
      }
      return RuleBook.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (RuleFileException e) {
      throw new InvalidRuleFile(file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rule file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Returns one line per problem: {@code FILE:LINE:COLUMN: message}. */
  public static String describe(Path file, RuleFileException e) {
    StringBuilder sb = new StringBuilder();
    for (RuleFileProblem p : e.problems()) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(p.describe(file.toString()));
    }
    return sb.toString();
  }
}

package org.fanzha.bench;

import picocli.CommandLine;

/** The bench's command-line tools, read with picocli. */
public final class CommandLines {

  private CommandLines() {}

  /**
   * Reads a count written with or without digit separators ({@code 10_000_000}, {@code 10000000}).
   */
  public static final class Count implements CommandLine.ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return Integer.parseInt(value.replace("_", ""));
    }
  }

  /**
   * Fills {@code command}'s options from {@code args} and returns it.
   *
   * @throws IllegalArgumentException with picocli's message naming the mistake (an unknown option,
   *     a missing value)
   */
  public static <T> T read(T command, String[] args) {
    try {
      new CommandLine(command).parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return command;
  }
}

package org.fanzha.bench;

import picocli.CommandLine;

/** The size of each simulated world a bench command makes: {@code --people} and {@code --days}. */
public final class WorldSize {
  @CommandLine.Option(
      names = "--people",
      paramLabel = "N",
      description = "residents of each world (default 10000)")
  public int people = 10_000;

  @CommandLine.Option(
      names = "--days",
      paramLabel = "N",
      description = "days of each world (default 7)")
  public int days = 7;
}

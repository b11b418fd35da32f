package org.fanzha.sim;

/**
 * Hands out event ids {@code <generator><window><type><n>} (e.g. {@code n3c1207}): unique because
 * every generator counts separately within each window, and stable because generation is.
 */
final class IdSeq {

  private final String prefix;
  private long next;

  IdSeq(String generator, int window) {
    this.prefix = generator + window;
  }

  IdSeq(String generator) {
    this.prefix = generator;
  }

  String next(char type) {
    return prefix + type + (next++);
  }
}

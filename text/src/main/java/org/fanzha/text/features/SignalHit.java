package org.fanzha.text.features;

/**
 * Where a signal was found.
 *
 * @param signal what was found
 * @param start index of the first char in the original text
 * @param end index just past the last char
 */
public record SignalHit(Signal signal, int start, int end) {

  /** Returns the matched text. */
  public String text(String original) {
    return original.substring(start, end);
  }
}

package org.fanzha.text.features;

/**
 * Folds a text into the character stream the n-gram features read, one output char per input char.
 *
 * <p>Keeping the length lets a feature found at position {@code i} be shown to the user as the
 * original text at {@code i}. The folding: full-width ASCII to half-width, ASCII letters to lower
 * case, every digit to {@code '#'}, every whitespace char to one space, and the digit masks that
 * the training corpora use ({@code x} runs next to non-letters in the 80w corpus, {@code DIGIT} in
 * telecom-fraud-texts-5) to {@code '#'} as well, so a masked corpus and real digits look alike.
 */
public final class TextNormalizer {

  /** The char every digit becomes. */
  public static final char DIGIT = '#';

  private TextNormalizer() {}

  /** Returns the normalised chars of {@code text}, as many as it has. */
  public static char[] normalize(String text) {
    int n = text.length();
    char[] out = new char[n];
    for (int i = 0; i < n; i++) {
      out[i] = fold(text.charAt(i));
    }
    maskPlaceholders(text, out);
    return out;
  }

  /** Returns the folded form of one char (without the mask rules that need context). */
  public static char fold(char c) {
    if (c >= '\uFF01' && c <= '\uFF5E') {
      c = (char) (c - 0xFEE0); // full-width ASCII block maps 1:1 onto ASCII
    } else if (c == '\u3000') {
      return ' ';
    }
    if (c >= 'A' && c <= 'Z') {
      return (char) (c + 32);
    }
    if (c >= '0' && c <= '9') {
      return DIGIT;
    }
    if (c == '\t' || c == '\n' || c == '\r' || c == '\u00A0' || c == '\u000B' || c == '\f') {
      return ' ';
    }
    return c;
  }

  /*
   * The corpora hide digits: "xxx减xx" (80w) and "DIGIT" (telecom-fraud-texts-5). An 'x' run counts
   * as a mask only when neither neighbour is an ASCII letter, so English words keep their x.
   */
  private static void maskPlaceholders(String text, char[] out) {
    int n = out.length;
    int i = 0;
    while (i < n) {
      char c = out[i];
      if (c == 'x') {
        int j = i;
        while (j < n && out[j] == 'x') {
          j++;
        }
        boolean letterBefore = i > 0 && isAsciiLetter(out[i - 1]);
        boolean letterAfter = j < n && isAsciiLetter(out[j]);
        if (!letterBefore && !letterAfter) {
          for (int k = i; k < j; k++) {
            out[k] = DIGIT;
          }
        }
        i = j;
      } else if (c == 'd' && text.startsWith("DIGIT", i)) {
        for (int k = i; k < i + 5; k++) {
          out[k] = DIGIT;
        }
        i += 5;
      } else {
        i++;
      }
    }
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}

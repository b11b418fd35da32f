package org.fanzha.text.url;

/**
 * Reduces a domain label to a skeleton in which characters that look alike are one character, so
 * {@code paypa1}, {@code paypaI} and {@code pаypal} (Cyrillic а) all become the skeleton of {@code
 * paypal}.
 *
 * <p>The table is our own short list in the spirit of Unicode TR39 confusables, restricted to what
 * fraud domains use: Latin digits posing as letters, {@code rn}/{@code m}, {@code vv}/{@code w},
 * Cyrillic and Greek letters with Latin twins, and full-width forms.
 */
public final class Homoglyphs {

  private Homoglyphs() {}

  /** Returns the skeleton of {@code s} (lower case, look-alike characters merged). */
  public static String skeleton(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '\uFF01' && c <= '\uFF5E') {
        c = (char) (c - 0xFEE0);
      }
      c = Character.toLowerCase(c);
      b.append(single(c));
    }
    // Pairs that render as one letter: do them after the single-char pass so "rn" built from
    // look-alikes (e.g. Cyrillic г + n) is caught too.
    String out = b.toString();
    out = out.replace("rn", "m").replace("vv", "w").replace("cl", "d");
    return out;
  }

  /** Returns whether {@code s} has a character outside ASCII. */
  public static boolean hasNonAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0x7F) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether {@code s} mixes Latin letters with Cyrillic or Greek ones. */
  public static boolean mixesScripts(String s) {
    boolean latin = false;
    boolean other = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        latin = true;
      } else if ((c >= '\u0370' && c <= '\u03FF') || (c >= '\u0400' && c <= '\u04FF')) {
        other = true;
      }
    }
    return latin && other;
  }

  private static char single(char c) {
    switch (c) {
      case '0':
      case 'ο': // Greek omicron
      case 'о': // Cyrillic o
      case 'ө':
        return 'o';
      case '1':
      case 'i':
      case '|':
      case 'ı': // dotless i
      case 'í':
      case 'ì':
      case 'і': // Cyrillic i
      case 'ӏ': // Cyrillic palochka
      case 'ι':
      case 'l':
        return 'l';
      case '3':
      case 'е': // Cyrillic ie
      case 'ё':
      case 'é':
      case 'è':
      case 'ε':
        return 'e';
      case '5':
      case 'ѕ':
        return 's';
      case '@':
      case 'а': // Cyrillic a
      case 'α':
      case 'á':
      case 'à':
        return 'a';
      case 'р': // Cyrillic er
      case 'ρ':
        return 'p';
      case 'с': // Cyrillic es
      case 'ϲ':
        return 'c';
      case 'у': // Cyrillic u
      case 'γ':
        return 'y';
      case 'х': // Cyrillic ha
      case 'χ':
        return 'x';
      case 'ј':
        return 'j';
      case 'ԁ':
        return 'd';
      case 'һ':
        return 'h';
      case 'ν':
        return 'v';
      case 'к':
      case 'κ':
        return 'k';
      case 'м':
        return 'm';
      case 'т':
      case 'τ':
        return 't';
      case 'в':
        return 'b';
      case 'н':
        return 'h';
      case 'ω':
      case 'ш':
        return 'w';
      case 'ɡ':
        return 'g';
      default:
        return c;
    }
  }
}

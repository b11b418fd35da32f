package org.fanzha.server.system;

/**
 * What Spring Security's firewall lets through in header names and values: assigned code points
 * that are not control characters, the rule of its default pattern {@code
 * [\p{IsAssigned}&&[^\p{IsControl}]]*}. Checked by a loop instead: the firewall checks every header
 * each time any filter reads it, and the Unicode pattern was a fifth of the CPU an authenticated
 * decision cost (decision 0020). Printable ASCII, nearly every header, is decided by one
 * comparison.
 */
final class HeaderChars {

  private HeaderChars() {}

  /** Returns whether every code point of {@code s} is assigned and not a control character. */
  static boolean allowed(String s) {
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        i++;
        continue;
      }
      int cp = s.codePointAt(i);
      if (!Character.isDefined(cp) || Character.getType(cp) == Character.CONTROL) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }
}

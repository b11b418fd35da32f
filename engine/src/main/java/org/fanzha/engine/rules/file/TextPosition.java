package org.fanzha.engine.rules.file;

/**
 * Where an expression's text stands in its file, so an offset into the expression becomes a line
 * and column. Exact for expressions on one line and for literal blocks ({@code |}), where each line
 * of the text is a line of the file; for other multi-line forms, the expression's first line.
 *
 * @param line 1-based line of the first character
 * @param column 1-based column of the first character
 * @param blockIndent for a literal block, the column (1-based) where its lines start; 0 otherwise
 * @param verbatim whether the text is written in the file character for character (no escapes or
 *     folding)
 */
public record TextPosition(int line, int column, int blockIndent, boolean verbatim) {

  /** Returns the file position of the character at {@code offset} in {@code text}. */
  public RuleFileProblem at(String text, int offset, String message) {
    if (blockIndent > 0) {
      int l = line;
      int lineStart = 0;
      for (int i = 0; i < Math.min(offset, text.length()); i++) {
        if (text.charAt(i) == '\n') {
          l++;
          lineStart = i + 1;
        }
      }
      return new RuleFileProblem(l, blockIndent + offset - lineStart, message);
    }
    if (verbatim && text.indexOf('\n') < 0) {
      return new RuleFileProblem(line, column + offset, message);
    }
    return new RuleFileProblem(
        line, column, message + " (at character " + (offset + 1) + " of the condition)");
  }
}

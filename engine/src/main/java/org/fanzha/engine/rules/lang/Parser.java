package org.fanzha.engine.rules.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the text of an expression into an {@link Expr} tree (recursive descent). Precedence,
 * loosest first: {@code ?:}, {@code ||}, {@code &&}, comparisons and {@code in}, {@code + -},
 * {@code * / %}, unary {@code ! -}, then selection and calls. Syntax errors stop at the first one,
 * with its offset.
 */
public final class Parser {

  /** The longest expression accepted, in characters. */
  public static final int MAX_LENGTH = 4_000;

  /** The deepest nesting accepted, so a hostile expression cannot exhaust the stack. */
  public static final int MAX_DEPTH = 64;

  private final String text;
  private int pos;
  private int depth;

  private Parser(String text) {
    this.text = text;
  }

  /**
   * Returns the tree of {@code text}, or throws with the offset and the reason of the first syntax
   * error.
   */
  public static Expr parse(String text) throws ExpressionException {
    if (text.length() > MAX_LENGTH) {
      throw fail(
          MAX_LENGTH,
          "an expression may have at most " + MAX_LENGTH + " characters, not " + text.length());
    }
    Parser p = new Parser(text);
    p.skipSpace();
    if (p.pos == text.length()) {
      throw fail(0, "the expression is empty");
    }
    Expr e = p.conditional();
    p.skipSpace();
    if (p.pos < text.length()) {
      throw fail(p.pos, "unexpected '" + text.charAt(p.pos) + "' after a complete expression");
    }
    return e;
  }

  private Expr conditional() throws ExpressionException {
    enter();
    Expr test = or();
    if (peek("?")) {
      int at = pos;
      pos++;
      Expr then = conditional();
      expect(":");
      Expr otherwise = conditional();
      test = new Expr.Conditional(at, test, then, otherwise);
    }
    depth--;
    return test;
  }

  private Expr or() throws ExpressionException {
    Expr left = and();
    while (peek("||")) {
      int at = pos;
      pos += 2;
      left = new Expr.Binary(at, "||", left, and());
    }
    return left;
  }

  private Expr and() throws ExpressionException {
    Expr left = relation();
    while (peek("&&")) {
      int at = pos;
      pos += 2;
      left = new Expr.Binary(at, "&&", left, relation());
    }
    return left;
  }

  private Expr relation() throws ExpressionException {
    Expr left = additive();
    for (String op : new String[] {"<=", ">=", "==", "!=", "<", ">"}) {
      if (peek(op)) {
        int at = pos;
        pos += op.length();
        return new Expr.Binary(at, op, left, additive());
      }
    }
    if (peekWord("in")) {
      int at = pos;
      pos += 2;
      return new Expr.Binary(at, "in", left, additive());
    }
    return left;
  }

  private Expr additive() throws ExpressionException {
    Expr left = multiplicative();
    while (true) {
      skipSpace();
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        int at = pos;
        String op = String.valueOf(text.charAt(pos++));
        left = new Expr.Binary(at, op, left, multiplicative());
      } else {
        return left;
      }
    }
  }

  private Expr multiplicative() throws ExpressionException {
    Expr left = unary();
    while (true) {
      skipSpace();
      if (pos < text.length() && "*/%".indexOf(text.charAt(pos)) >= 0) {
        int at = pos;
        String op = String.valueOf(text.charAt(pos++));
        left = new Expr.Binary(at, op, left, unary());
      } else {
        return left;
      }
    }
  }

  private Expr unary() throws ExpressionException {
    skipSpace();
    if (pos < text.length()
        && (text.charAt(pos) == '!' && !peek("!=") || text.charAt(pos) == '-')) {
      enter();
      int at = pos;
      String op = String.valueOf(text.charAt(pos++));
      Expr e = new Expr.Unary(at, op, unary());
      depth--;
      return e;
    }
    return postfix();
  }

  private Expr postfix() throws ExpressionException {
    Expr e = primary();
    while (true) {
      skipSpace();
      if (pos < text.length() && text.charAt(pos) == '.') {
        pos++;
        skipSpace();
        int at = pos;
        String name = identifier("a name after '.'");
        skipSpace();
        if (pos < text.length() && text.charAt(pos) == '(') {
          e = new Expr.MethodCall(at, e, name, arguments());
        } else {
          e = new Expr.Select(at, e, name);
        }
      } else {
        return e;
      }
    }
  }

  private Expr primary() throws ExpressionException {
    skipSpace();
    if (pos >= text.length()) {
      throw fail(pos, "the expression ends where a value was expected");
    }
    int at = pos;
    char c = text.charAt(pos);
    if (c == '(') {
      pos++;
      Expr e = conditional();
      expect(")");
      return e;
    }
    if (c == '[') {
      enter();
      pos++;
      List<Expr> items = new ArrayList<>();
      skipSpace();
      if (!peek("]")) {
        do {
          items.add(conditional());
        } while (consume(","));
      }
      expect("]");
      depth--;
      return new Expr.ListLiteral(at, items);
    }
    if (c == '"' || c == '\'') {
      return new Expr.Literal(at, string(c));
    }
    if (c >= '0' && c <= '9'
        || c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
      return new Expr.Literal(at, number());
    }
    if (Character.isLetter(c) || c == '_') {
      String name = identifier("a name");
      switch (name) {
        case "true":
          return new Expr.Literal(at, Boolean.TRUE);
        case "false":
          return new Expr.Literal(at, Boolean.FALSE);
        case "null":
          return new Expr.Literal(at, null);
        default:
          skipSpace();
          if (pos < text.length() && text.charAt(pos) == '(') {
            return new Expr.Call(at, name, arguments());
          }
          return new Expr.Name(at, name);
      }
    }
    throw fail(at, "unexpected '" + c + "'");
  }

  private List<Expr> arguments() throws ExpressionException {
    enter();
    expect("(");
    List<Expr> args = new ArrayList<>();
    skipSpace();
    if (!peek(")")) {
      do {
        args.add(conditional());
      } while (consume(","));
    }
    expect(")");
    depth--;
    return args;
  }

  private String identifier(String what) throws ExpressionException {
    int start = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    if (pos == start) {
      throw fail(
          start,
          "expected "
              + what
              + (start < text.length() ? ", found '" + text.charAt(start) + "'" : ""));
    }
    return text.substring(start, pos);
  }

  private Double number() throws ExpressionException {
    int start = pos;
    while (pos < text.length()
        && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    if (pos < text.length() && text.charAt(pos) == '.') {
      pos++;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      int save = pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      if (pos == text.length() || !Character.isDigit(text.charAt(pos))) {
        pos = save;
      } else {
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
          pos++;
        }
      }
    }
    String digits = text.substring(start, pos).replace("_", "");
    try {
      double d = Double.parseDouble(digits);
      if (Double.isInfinite(d)) {
        throw fail(start, "the number " + digits + " is too large");
      }
      return d;
    } catch (NumberFormatException e) {
      throw fail(start, "malformed number '" + digits + "'");
    }
  }

  private String string(char quote) throws ExpressionException {
    int start = pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == quote) {
        return sb.toString();
      }
      if (c == '\\') {
        if (pos == text.length()) {
          break;
        }
        char e = text.charAt(pos++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case '\\', '"', '\'' -> sb.append(e);
          default -> throw fail(pos - 2, "unknown escape '\\" + e + "' in a string");
        }
      } else {
        sb.append(c);
      }
    }
    throw fail(start, "a string is not closed");
  }

  private void enter() throws ExpressionException {
    if (++depth > MAX_DEPTH) {
      throw fail(pos, "the expression nests deeper than " + MAX_DEPTH + " levels");
    }
  }

  private boolean peek(String s) {
    skipSpace();
    return text.startsWith(s, pos);
  }

  private boolean peekWord(String w) {
    skipSpace();
    int end = pos + w.length();
    return text.startsWith(w, pos)
        && (end == text.length()
            || !Character.isLetterOrDigit(text.charAt(end)) && text.charAt(end) != '_');
  }

  private boolean consume(String s) {
    if (peek(s)) {
      pos += s.length();
      return true;
    }
    return false;
  }

  private void expect(String s) throws ExpressionException {
    if (!consume(s)) {
      throw fail(
          pos,
          "expected '"
              + s
              + "'"
              + (pos < text.length() ? ", found '" + text.charAt(pos) + "'" : " before the end"));
    }
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private static ExpressionException fail(int offset, String message) {
    return new ExpressionException(List.of(new Problem(offset, message)));
  }
}

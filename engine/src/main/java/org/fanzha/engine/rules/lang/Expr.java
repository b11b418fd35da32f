package org.fanzha.engine.rules.lang;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An expression as written, before names are resolved; every node knows where it starts in the
 * text.
 */
public sealed interface Expr {

  /** Returns the 0-based offset of the node's first character. */
  int offset();

  /** A number (as a double), a string, {@code true}/{@code false} or {@code null}. */
  record Literal(int offset, @Nullable Object value) implements Expr {}

  /**
   * A bare name: {@code features}, {@code params}, {@code event}, or the name of a function being
   * called.
   */
  record Name(int offset, String name) implements Expr {}

  /** {@code target.field}. */
  record Select(int offset, Expr target, String field) implements Expr {}

  /** {@code function(args)}: one of the built-in functions. */
  record Call(int offset, String function, List<Expr> args) implements Expr {}

  /** {@code target.method(args)}: one of the string methods. */
  record MethodCall(int offset, Expr target, String method, List<Expr> args) implements Expr {}

  /** {@code !x} or {@code -x}. */
  record Unary(int offset, String op, Expr operand) implements Expr {}

  /** {@code left op right}: logic, comparison, arithmetic or {@code in}. */
  record Binary(int offset, String op, Expr left, Expr right) implements Expr {}

  /** {@code test ? then : otherwise}. */
  record Conditional(int offset, Expr test, Expr then, Expr otherwise) implements Expr {}

  /** {@code [a, b, c]}, the right side of {@code in}. */
  record ListLiteral(int offset, List<Expr> items) implements Expr {}
}

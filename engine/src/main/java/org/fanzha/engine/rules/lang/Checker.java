package org.fanzha.engine.rules.lang;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the names of an {@link Expr} against a {@link Scope} and types it. Finds every problem
 * it can in one pass (an unknown name does not hide a type error elsewhere), each with the offset
 * of the name or operator at fault and, for an unknown name, the nearest known one.
 */
public final class Checker {

  /** The most nodes an expression may have. */
  public static final int MAX_NODES = 500;

  private static final Set<String> ROOTS = Set.of("features", "params", "event");
  private static final Set<String> STRING_METHODS = Set.of("startsWith", "endsWith", "contains");

  private final Scope scope;
  private final List<Problem> problems = new ArrayList<>();
  private int nodes;

  private Checker(Scope scope) {
    this.scope = scope;
  }

  /** Returns the checked tree of a boolean expression, or throws with every problem found. */
  public static Node check(Expr e, Scope scope) throws ExpressionException {
    Checker c = new Checker(scope);
    Node n = c.node(e);
    if (n != null && n.type() != Type.BOOL) {
      c.problem(start(e), "a rule's condition must be true or false, but this is a " + n.type());
    }
    if (!c.problems.isEmpty()) {
      c.problems.sort((a, b) -> Integer.compare(a.offset(), b.offset()));
      throw new ExpressionException(c.problems);
    }
    return Objects.requireNonNull(n); // a tree with no problems
  }

  /** Parses and checks {@code text} in one step. */
  public static Node check(String text, Scope scope) throws ExpressionException {
    return check(Parser.parse(text), scope);
  }

  private @Nullable Node node(Expr e) {
    if (++nodes > MAX_NODES) {
      if (nodes == MAX_NODES + 1) {
        problem(e.offset(), "the expression has more than " + MAX_NODES + " parts");
      }
      return null;
    }
    if (e instanceof Expr.Literal l) {
      return literal(l);
    }
    if (e instanceof Expr.Name n) {
      problem(
          n.offset(),
          ROOTS.contains(n.name())
              ? "'" + n.name() + "' needs a name after it, as in " + n.name() + ".<name>"
              : "unknown name '"
                  + n.name()
                  + "'; values are features.<name>, params.<name> and event.<field>");
      return null;
    }
    if (e instanceof Expr.Select s) {
      return select(s);
    }
    if (e instanceof Expr.Call c) {
      return call(c);
    }
    if (e instanceof Expr.MethodCall m) {
      return method(m);
    }
    if (e instanceof Expr.Unary u) {
      return unary(u);
    }
    if (e instanceof Expr.Binary b) {
      return binary(b);
    }
    if (e instanceof Expr.Conditional c) {
      return conditional(c);
    }
    problem(e.offset(), "a list may only follow 'in'");
    return null;
  }

  private Node literal(Expr.Literal l) {
    Object v = l.value();
    if (v == null) {
      return new Node.Const(Type.NULL, null);
    }
    if (v instanceof Boolean) {
      return new Node.Const(Type.BOOL, v);
    }
    if (v instanceof Double) {
      return new Node.Const(Type.NUMBER, v);
    }
    return new Node.Const(Type.STRING, v);
  }

  private @Nullable Node select(Expr.Select s) {
    List<String> path = new ArrayList<>();
    Expr root = s;
    while (root instanceof Expr.Select sel) {
      path.add(0, sel.field());
      root = sel.target();
    }
    if (!(root instanceof Expr.Name name) || !ROOTS.contains(name.name())) {
      problem(
          s.offset(),
          "'.'" + " may only follow features, params or event, as in features.out_calls");
      return null;
    }
    int at = ((Expr.Select) firstSelect(s)).offset();
    String joined = String.join(".", path);
    switch (name.name()) {
      case "features":
        {
          Field f = path.size() == 1 ? scope.feature(joined) : null;
          if (f == null) {
            problem(
                at,
                "unknown feature '"
                    + joined
                    + "'"
                    + suggest(joined, scope.featureNames())
                    + " (./fanzha rules features lists them)");
            return null;
          }
          return new Node.FeatureRef(f);
        }
      case "params":
        {
          Double v = scope.param(joined);
          if (v == null) {
            problem(
                at,
                "unknown param '"
                    + joined
                    + "'"
                    + suggest(joined, scope.paramNames())
                    + "; declare it under params: in the rule file");
            return null;
          }
          return new Node.Const(Type.NUMBER, v);
        }
      default:
        {
          Field f = path.size() == 1 ? scope.eventField(joined) : null;
          if (f == null) {
            problem(
                at,
                "unknown event field '" + joined + "'" + suggest(joined, scope.eventFieldNames()));
            return null;
          }
          return new Node.EventRef(f);
        }
    }
  }

  private static Expr firstSelect(Expr.Select s) {
    Expr e = s;
    while (e instanceof Expr.Select sel && sel.target() instanceof Expr.Select inner) {
      e = inner;
    }
    return e;
  }

  private @Nullable Node call(Expr.Call c) {
    List<Node> args = new ArrayList<>();
    boolean ok = true;
    for (Expr a : c.args()) {
      Node n = node(a);
      if (n == null) {
        ok = false;
      } else if (n.type() != Type.NUMBER) {
        problem(start(a), c.function() + "() takes numbers, not a " + n.type());
        ok = false;
      }
      args.add(n);
    }
    switch (c.function()) {
      case "max", "min" -> {
        if (c.args().size() < 2) {
          problem(c.offset(), c.function() + "() needs at least two numbers");
          return null;
        }
      }
      case "abs" -> {
        if (c.args().size() != 1) {
          problem(c.offset(), "abs() takes one number");
          return null;
        }
      }
      default -> {
        problem(
            c.offset(),
            "unknown function '" + c.function() + "'; the functions are max, min and abs");
        return null;
      }
    }
    return ok ? new Node.Function(c.function(), args) : null;
  }

  private @Nullable Node method(Expr.MethodCall m) {
    Node target = node(m.target());
    if (!STRING_METHODS.contains(m.method())) {
      problem(
          m.offset(),
          "unknown method '" + m.method() + "'; strings have startsWith, endsWith and contains");
      return null;
    }
    if (m.args().size() != 1) {
      problem(m.offset(), m.method() + "() takes one string");
      return null;
    }
    Node arg = node(m.args().get(0));
    if (target == null || arg == null) {
      return null;
    }
    if (target.type() != Type.STRING || arg.type() != Type.STRING) {
      problem(
          m.offset(),
          m.method()
              + "() is a test of one string on another, not of a "
              + target.type()
              + " on a "
              + arg.type());
      return null;
    }
    return new Node.StringTest(m.method(), target, arg);
  }

  private @Nullable Node unary(Expr.Unary u) {
    Node n = node(u.operand());
    if (n == null) {
      return null;
    }
    if (u.op().equals("!")) {
      if (n.type() != Type.BOOL) {
        problem(u.offset(), "'!' needs true or false, not a " + n.type());
        return null;
      }
      return new Node.Not(n);
    }
    if (n.type() != Type.NUMBER) {
      problem(u.offset(), "'-' needs a number, not a " + n.type());
      return null;
    }
    return n instanceof Node.Const c
        ? new Node.Const(Type.NUMBER, -(Double) Objects.requireNonNull(c.value()))
        : new Node.Negate(n);
  }

  private @Nullable Node binary(Expr.Binary b) {
    if (b.op().equals("in")) {
      return in(b);
    }
    Node l = node(b.left());
    Node r = node(b.right());
    if (l == null || r == null) {
      return null;
    }
    switch (b.op()) {
      case "&&", "||" -> {
        if (l.type() != Type.BOOL || r.type() != Type.BOOL) {
          return mismatch(b, "joins two conditions", l, r);
        }
        return new Node.Logic(b.op().equals("&&"), l, r);
      }
      case "<", "<=", ">", ">=" -> {
        if (l.type() != Type.NUMBER || r.type() != Type.NUMBER) {
          return mismatch(b, "compares two numbers", l, r);
        }
        return new Node.Compare(b.op(), l, r);
      }
      case "==", "!=" -> {
        boolean nullTest = l.type() == Type.NULL || r.type() == Type.NULL;
        if (!nullTest && l.type() != r.type()) {
          return mismatch(b, "compares two values of one type", l, r);
        }
        return new Node.Compare(b.op(), l, r);
      }
      default -> {
        if (l.type() != Type.NUMBER || r.type() != Type.NUMBER) {
          return mismatch(b, "works on numbers", l, r);
        }
        return new Node.Arithmetic(b.op(), l, r);
      }
    }
  }

  private @Nullable Node in(Expr.Binary b) {
    Node value = node(b.left());
    if (!(b.right() instanceof Expr.ListLiteral list)) {
      problem(
          b.right().offset(),
          "'in' needs a list of values, as in event.channel in [\"atm\", \"crypto_otc\"]");
      return null;
    }
    List<Node.Const> items = new ArrayList<>();
    boolean ok = value != null;
    for (Expr item : list.items()) {
      Node n = node(item);
      if (!(n instanceof Node.Const c) || c.type() == Type.NULL) {
        problem(start(item), "a list after 'in' holds numbers or strings written out, not names");
        ok = false;
      } else if (value != null && c.type() != value.type()) {
        problem(
            start(item),
            "this list item is a " + c.type() + " but the value tested is a " + value.type());
        ok = false;
      } else {
        items.add(c);
      }
    }
    return ok ? new Node.In(Objects.requireNonNull(value), items) : null;
  }

  private @Nullable Node conditional(Expr.Conditional c) {
    Node test = node(c.test());
    Node then = node(c.then());
    Node otherwise = node(c.otherwise());
    if (test == null || then == null || otherwise == null) {
      return null;
    }
    if (test.type() != Type.BOOL) {
      problem(start(c.test()), "the test before '?' must be true or false, not a " + test.type());
      return null;
    }
    if (then.type() != otherwise.type()) {
      problem(
          c.offset(),
          "both sides of ':' must have one type, not " + then.type() + " and " + otherwise.type());
      return null;
    }
    return new Node.Choice(test, then, otherwise, then.type());
  }

  /**
   * Returns where an expression's text begins (the offset of a node is that of its operator or
   * name).
   */
  static int start(Expr e) {
    if (e instanceof Expr.Select s) {
      return start(s.target());
    }
    if (e instanceof Expr.MethodCall m) {
      return start(m.target());
    }
    if (e instanceof Expr.Binary b) {
      return start(b.left());
    }
    if (e instanceof Expr.Conditional c) {
      return start(c.test());
    }
    return e.offset();
  }

  private @Nullable Node mismatch(Expr.Binary b, String what, Node l, Node r) {
    problem(b.offset(), "'" + b.op() + "' " + what + ", not a " + l.type() + " and a " + r.type());
    return null;
  }

  private void problem(int offset, String message) {
    problems.add(new Problem(offset, message));
  }

  /**
   * Returns {@code "; did you mean 'x'?"} for the nearest known name, or nothing when none is
   * close.
   */
  public static String suggest(String name, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(name, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 3)
        ? "; did you mean '" + best + "'?"
        : "";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}

package org.fanzha.engine.rules.lang;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates a checked tree by walking it: the reference semantics of the language. The compiled
 * form ({@link JavaEmitter}) must agree with it on every expression (a property test holds them to
 * that). Numbers are doubles, a missing number is NaN and a missing string null; every comparison
 * with a missing value is false, except {@code == null} and {@code != null}.
 */
public final class Interpreter {

  private Interpreter() {}

  /** Returns whether a boolean tree holds for these features and this event. */
  public static boolean test(Node n, Object features, Object event) {
    return Boolean.TRUE.equals(eval(n, features, event)); // a missing value holds nothing
  }

  /**
   * Returns the value of a tree: a Boolean, a Double (NaN when missing) or a String (null when
   * missing).
   */
  public static @Nullable Object eval(Node n, Object features, Object event) {
    if (n instanceof Node.Const c) {
      return c.value();
    }
    if (n instanceof Node.FeatureRef f) {
      return read(f.field(), features);
    }
    if (n instanceof Node.EventRef e) {
      return read(e.field(), event);
    }
    if (n instanceof Node.Not x) {
      return !test(x.operand(), features, event);
    }
    if (n instanceof Node.Negate x) {
      return -num(x.operand(), features, event);
    }
    if (n instanceof Node.Logic l) {
      boolean left = test(l.left(), features, event);
      return l.and()
          ? left && test(l.right(), features, event)
          : left || test(l.right(), features, event);
    }
    if (n instanceof Node.Compare c) {
      return compare(c, features, event);
    }
    if (n instanceof Node.Arithmetic a) {
      double x = num(a.left(), features, event);
      double y = num(a.right(), features, event);
      return switch (a.op()) {
        case "+" -> x + y;
        case "-" -> x - y;
        case "*" -> x * y;
        case "/" -> x / y;
        default -> x % y;
      };
    }
    if (n instanceof Node.Choice c) {
      return test(c.test(), features, event)
          ? eval(c.then(), features, event)
          : eval(c.otherwise(), features, event);
    }
    if (n instanceof Node.In in) {
      Object v = eval(in.value(), features, event);
      if (v == null || v instanceof Double d && d.isNaN()) {
        return false;
      }
      for (Node.Const item : in.items()) {
        if (v instanceof Double d
            ? d.doubleValue() == (Double) Objects.requireNonNull(item.value())
            : v.equals(item.value())) {
          return true;
        }
      }
      return false;
    }
    if (n instanceof Node.Function f) {
      return function(f.name(), f.args(), features, event);
    }
    Node.StringTest s = (Node.StringTest) n;
    String target = (String) eval(s.target(), features, event);
    String arg = (String) eval(s.arg(), features, event);
    if (target == null || arg == null) {
      return false;
    }
    return switch (s.method()) {
      case "startsWith" -> target.startsWith(arg);
      case "endsWith" -> target.endsWith(arg);
      default -> target.contains(arg);
    };
  }

  private static boolean compare(Node.Compare c, Object features, Object event) {
    Object l = eval(c.left(), features, event);
    Object r = eval(c.right(), features, event);
    boolean eq = c.op().equals("==");
    if (c.left().type() == Type.NULL || c.right().type() == Type.NULL) {
      boolean missing = missing(c.left().type() == Type.NULL ? r : l);
      return eq == missing;
    }
    if (missing(l) || missing(r)) {
      return false;
    }
    if (l instanceof Double x) {
      double y = Objects.requireNonNull((Double) r);
      return switch (c.op()) {
        case "<" -> x < y;
        case "<=" -> x <= y;
        case ">" -> x > y;
        case ">=" -> x >= y;
        case "==" -> x == y;
        default -> x != y;
      };
    }
    return eq == Objects.equals(l, r);
  }

  private static boolean missing(@Nullable Object v) {
    return v == null || v instanceof Double d && d.isNaN();
  }

  private static double function(String name, List<Node> args, Object features, Object event) {
    double acc = num(args.get(0), features, event);
    if (name.equals("abs")) {
      return Math.abs(acc);
    }
    for (int i = 1; i < args.size(); i++) {
      double v = num(args.get(i), features, event);
      acc = name.equals("max") ? Math.max(acc, v) : Math.min(acc, v);
    }
    return acc;
  }

  private static double num(Node n, Object features, Object event) {
    return (Double) Objects.requireNonNull(eval(n, features, event), "a number's value");
  }

  private static @Nullable Object read(Field f, Object holder) {
    Object v;
    try {
      v = f.getter().invoke(holder);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
    if (v instanceof Number num && !(v instanceof Double)) {
      return num.doubleValue();
    }
    return v;
  }
}

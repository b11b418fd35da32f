package org.fanzha.engine.rules.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a checked tree into a Java expression over a features variable and an event variable, with
 * the {@link Interpreter}'s semantics. Only the tree is emitted: names become the catalogue's
 * accessor calls, params are already constants, strings are written with \\u escapes, so nothing an
 * analyst writes reaches the compiler as code. List literals become constants of the enclosing
 * class ({@link #constants()}), so evaluation allocates nothing.
 */
public final class JavaEmitter {

  private final String features;
  private final String event;
  private final List<String> constants = new ArrayList<>();
  private final String constantPrefix;

  /**
   * @param features the Java name of the features variable
   * @param event the Java name of the event variable
   * @param constantPrefix a prefix making this emitter's constant names unique in the class
   */
  public JavaEmitter(String features, String event, String constantPrefix) {
    this.features = features;
    this.event = event;
    this.constantPrefix = constantPrefix;
  }

  /** Returns the declarations of the constants the emitted expressions use. */
  public List<String> constants() {
    return constants;
  }

  /** Returns a Java boolean expression with the tree's meaning. */
  public String emit(Node n) {
    if (n instanceof Node.Const c) {
      return constant(c);
    }
    if (n instanceof Node.FeatureRef f) {
      return access(features, f.field());
    }
    if (n instanceof Node.EventRef e) {
      return access(event, e.field());
    }
    if (n instanceof Node.Not x) {
      return "(!" + emit(x.operand()) + ")";
    }
    if (n instanceof Node.Negate x) {
      return "(-" + emit(x.operand()) + ")";
    }
    if (n instanceof Node.Logic l) {
      return "(" + emit(l.left()) + (l.and() ? " && " : " || ") + emit(l.right()) + ")";
    }
    if (n instanceof Node.Compare c) {
      return compare(c);
    }
    if (n instanceof Node.Arithmetic a) {
      return "(" + emit(a.left()) + " " + a.op() + " " + emit(a.right()) + ")";
    }
    if (n instanceof Node.Choice c) {
      return "(" + emit(c.test()) + " ? " + emit(c.then()) + " : " + emit(c.otherwise()) + ")";
    }
    if (n instanceof Node.In in) {
      String name = constantPrefix + constants.size();
      List<String> items = new ArrayList<>();
      for (Node.Const c : in.items()) {
        items.add(constant(c));
      }
      String type = in.value().type() == Type.NUMBER ? "double" : "String";
      constants.add(
          "private static final " + type + "[] " + name + " = {" + String.join(", ", items) + "};");
      return "org.fanzha.engine.rules.lang.Runtime.in(" + emit(in.value()) + ", " + name + ")";
    }
    if (n instanceof Node.Function f) {
      if (f.name().equals("abs")) {
        return "Math.abs(" + emit(f.args().get(0)) + ")";
      }
      String acc = emit(f.args().get(0));
      for (int i = 1; i < f.args().size(); i++) {
        acc = "Math." + f.name() + "(" + acc + ", " + emit(f.args().get(i)) + ")";
      }
      return acc;
    }
    Node.StringTest s = (Node.StringTest) n;
    return "org.fanzha.engine.rules.lang.Runtime."
        + s.method()
        + "("
        + emit(s.target())
        + ", "
        + emit(s.arg())
        + ")";
  }

  private String compare(Node.Compare c) {
    String l = emit(c.left());
    String r = emit(c.right());
    String rt = "org.fanzha.engine.rules.lang.Runtime.";
    boolean eq = c.op().equals("==");
    if (c.left().type() == Type.NULL || c.right().type() == Type.NULL) {
      Node other = c.left().type() == Type.NULL ? c.right() : c.left();
      String value = c.left().type() == Type.NULL ? r : l;
      String missing =
          switch (other.type()) {
            case NUMBER -> "Double.isNaN(" + value + ")";
            case STRING -> "(" + value + " == null)";
            case NULL -> "true";
            default -> "false"; // a feature that is true or false is never missing
          };
      return eq ? "(" + missing + ")" : "(!" + missing + ")";
    }
    Type t = c.left().type();
    if (t == Type.NUMBER) {
      return c.op().equals("!=")
          ? rt + "ne(" + l + ", " + r + ")"
          : "(" + l + " " + c.op() + " " + r + ")";
    }
    if (t == Type.STRING) {
      return (eq ? rt + "eq(" : rt + "ne(") + l + ", " + r + ")";
    }
    return "(" + l + " " + c.op() + " " + r + ")";
  }

  private static String access(String holder, Field f) {
    String call = holder + "." + f.method() + "()";
    return f.type() == Type.NUMBER ? "((double) " + call + ")" : call;
  }

  private static String constant(Node.Const c) {
    Object v = c.value();
    if (v == null) {
      return "null";
    }
    if (v instanceof Boolean b) {
      return b.toString();
    }
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%sd", Double.toString(d));
    }
    return javaString((String) v);
  }

  /**
   * Returns a Java string literal of {@code s} in plain ASCII: letters and digits as they are, all
   * else as \\u escapes.
   */
  static String javaString(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch >= 'a' && ch <= 'z'
          || ch >= 'A' && ch <= 'Z'
          || ch >= '0' && ch <= '9'
          || ch == ' '
          || ch == '_'
          || ch == '.'
          || ch == '-'
          || ch == ':'
          || ch == '/') {
        sb.append(ch);
      } else {
        sb.append(String.format("\\u%04x", (int) ch));
      }
    }
    return sb.append('"').toString();
  }
}

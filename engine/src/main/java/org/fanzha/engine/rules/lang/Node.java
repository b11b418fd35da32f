package org.fanzha.engine.rules.lang;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A checked expression: names resolved, params folded to constants, every node typed. This is what
 * the {@link Interpreter} evaluates and the {@link JavaEmitter} compiles.
 */
public sealed interface Node {

  /** Returns the node's type. */
  Type type();

  /** Returns whether this expression reads {@code features.<name>} anywhere. */
  default boolean readsFeature(String name) {
    if (this instanceof FeatureRef f) {
      return f.field().name().equals(name);
    } else if (this instanceof Not n) {
      return n.operand().readsFeature(name);
    } else if (this instanceof Negate n) {
      return n.operand().readsFeature(name);
    } else if (this instanceof Logic l) {
      return l.left().readsFeature(name) || l.right().readsFeature(name);
    } else if (this instanceof Compare c) {
      return c.left().readsFeature(name) || c.right().readsFeature(name);
    } else if (this instanceof Arithmetic a) {
      return a.left().readsFeature(name) || a.right().readsFeature(name);
    } else if (this instanceof Choice c) {
      return c.test().readsFeature(name)
          || c.then().readsFeature(name)
          || c.otherwise().readsFeature(name);
    } else if (this instanceof In i) {
      return i.value().readsFeature(name);
    } else if (this instanceof Function f) {
      return f.args().stream().anyMatch(a -> a.readsFeature(name));
    } else if (this instanceof StringTest t) {
      return t.target().readsFeature(name) || t.arg().readsFeature(name);
    }
    return false; // constants and event fields
  }

  /** A constant: a number (Double), string, boolean, or null. */
  record Const(Type type, @Nullable Object value) implements Node {}

  /** {@code features.<name>}. */
  record FeatureRef(Field field) implements Node {
    @Override
    public Type type() {
      return field.type();
    }
  }

  /** {@code event.<name>}; may be missing (null). */
  record EventRef(Field field) implements Node {
    @Override
    public Type type() {
      return field.type();
    }
  }

  /** {@code !operand}. */
  record Not(Node operand) implements Node {
    @Override
    public Type type() {
      return Type.BOOL;
    }
  }

  /** {@code -operand}. */
  record Negate(Node operand) implements Node {
    @Override
    public Type type() {
      return Type.NUMBER;
    }
  }

  /** {@code left && right} ({@code and}) or {@code left || right}. */
  record Logic(boolean and, Node left, Node right) implements Node {
    @Override
    public Type type() {
      return Type.BOOL;
    }
  }

  /** A comparison; false whenever a side is missing, except against the literal {@code null}. */
  record Compare(String op, Node left, Node right) implements Node {
    @Override
    public Type type() {
      return Type.BOOL;
    }
  }

  /** {@code + - * / %} over numbers ({@code +} also joins strings). */
  record Arithmetic(String op, Node left, Node right) implements Node {
    @Override
    public Type type() {
      return left.type() == Type.STRING ? Type.STRING : Type.NUMBER;
    }
  }

  /** {@code test ? then : otherwise}. */
  record Choice(Node test, Node then, Node otherwise, Type type) implements Node {}

  /** {@code value in [constants]}; false when the value is missing. */
  record In(Node value, List<Const> items) implements Node {
    @Override
    public Type type() {
      return Type.BOOL;
    }
  }

  /** {@code max(...)}, {@code min(...)}, {@code abs(x)} over numbers. */
  record Function(String name, List<Node> args) implements Node {
    @Override
    public Type type() {
      return Type.NUMBER;
    }
  }

  /**
   * {@code target.startsWith(arg)}, {@code endsWith}, {@code contains}; false when the target is
   * missing.
   */
  record StringTest(String method, Node target, Node arg) implements Node {
    @Override
    public Type type() {
      return Type.BOOL;
    }
  }
}

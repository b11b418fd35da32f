package org.fanzha.engine.model;

import java.util.concurrent.atomic.AtomicLong;
import org.fanzha.engine.rules.GeneratedClasses;

/**
 * Compiles a forest into Java (Janino, in memory): one method per tree of nested {@code if}s on
 * constant thresholds, which the JIT turns into straight branches, where walking the node arrays
 * costs a dependent load per level. Each tree is its own small method so none grows past the size
 * the JIT still compiles. Same results as {@link Forest#margin}, to the bit: the same
 * single-precision comparisons, the same missing-value directions, the same order of summation.
 */
final class CompiledForest {

  private static final AtomicLong CLASSES = new AtomicLong();

  private CompiledForest() {}

  static Margin compile(Forest f) {
    String name = "Forest" + CLASSES.incrementAndGet();
    StringBuilder b = new StringBuilder();
    b.append("package org.fanzha.engine.model.generated;\n")
        .append("public final class ")
        .append(name)
        .append(" implements org.fanzha.engine.model.Margin {\n")
        .append("  public double of(double[] x) {\n")
        .append("    double s = ")
        .append(literal(f.base()))
        .append(";\n");
    int[] roots = f.roots();
    for (int t = 0; t < roots.length; t++) {
      b.append("    s += t").append(t).append("(x);\n");
    }
    b.append("    return s;\n  }\n");
    for (int t = 0; t < roots.length; t++) {
      b.append("  private static double t").append(t).append("(double[] x) {\n");
      node(f, roots[t], b, 2);
      b.append("  }\n");
    }
    b.append("}\n");
    return GeneratedClasses.instantiate(
        b.toString(),
        "org.fanzha.engine.model.generated." + name,
        Margin.class,
        "a compiled forest");
  }

  private static void node(Forest f, int n, StringBuilder b, int depth) {
    String pad = "  ".repeat(depth);
    int feature = f.feature()[n];
    if (feature < 0) {
      b.append(pad).append("return ").append(literal(f.value()[n])).append(";\n");
      return;
    }
    String v = "(float) x[" + feature + "]";
    String c = floatLiteral(f.threshold()[n]);
    // a comparison with NaN is false: "<" sends a missing value right, "!(>=)" sends it left
    b.append(pad)
        .append(
            f.missingLeft()[n]
                ? "if (!(" + v + " >= " + c + ")) {\n"
                : "if (" + v + " < " + c + ") {\n");
    node(f, f.left()[n], b, depth + 1);
    b.append(pad).append("} else {\n");
    node(f, f.right()[n], b, depth + 1);
    b.append(pad).append("}\n");
  }

  /** A double as a hexadecimal literal: it reads back to the same bits. */
  private static String literal(double d) {
    if (!Double.isFinite(d)) {
      throw new IllegalArgumentException("a forest value must be finite, not " + d);
    }
    return "(" + Double.toHexString(d) + "d)";
  }

  private static String floatLiteral(float v) {
    if (!Float.isFinite(v)) {
      throw new IllegalArgumentException("a threshold must be finite, not " + v);
    }
    return "(" + Float.toHexString(v) + "f)";
  }
}

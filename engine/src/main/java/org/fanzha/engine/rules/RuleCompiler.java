package org.fanzha.engine.rules;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.fanzha.engine.rules.lang.JavaEmitter;
import org.fanzha.engine.rules.lang.Node;

/**
 * Compiles the checked conditions of one rule set into one Java class (Janino, in memory), whose
 * {@code test} runs every condition in a row: the JIT then inlines the feature accessors as it did
 * for hand-written lambdas, and there is no call per rule. The source is made from checked trees
 * only (see {@link JavaEmitter}); each rule set gets its own class loader, freed with the set.
 */
public final class RuleCompiler {

  private static final AtomicLong CLASSES = new AtomicLong();

  private RuleCompiler() {}

  /**
   * Returns the compiled conditions; bit {@code i} of the mask is {@code conditions.get(i)}.
   *
   * @param featuresClass the flyweight the conditions read ({@code PhoneFeatures} …)
   */
  public static Conditions compile(Class<?> featuresClass, List<Node> conditions) {
    if (conditions.size() > 64) {
      throw new IllegalArgumentException(
          "at most 64 rules per entity kind, not " + conditions.size());
    }
    String name = "Rules" + CLASSES.incrementAndGet();
    String source = source(name, featuresClass, conditions);
    // checked trees always compile; a failure is the emitter's fault, reported with the source
    return GeneratedClasses.instantiate(
        source, "org.fanzha.engine.rules.generated." + name, Conditions.class, "generated rules");
  }

  /**
   * Returns the Java source of the class (package-visible for tests and for inspecting what runs).
   */
  static String source(String name, Class<?> featuresClass, List<Node> conditions) {
    String f = featuresClass.getName();
    StringBuilder body = new StringBuilder();
    StringBuilder constants = new StringBuilder();
    for (int i = 0; i < conditions.size(); i++) {
      JavaEmitter emitter = new JavaEmitter("f", "e", "L" + i + "_");
      String test = emitter.emit(conditions.get(i));
      for (String c : emitter.constants()) {
        constants.append("  ").append(c).append('\n');
      }
      body.append("    if (")
          .append(test)
          .append(") m |= 0x")
          .append(Long.toHexString(1L << i))
          .append("L;\n");
    }
    return "package org.fanzha.engine.rules.generated;\n"
        + "public final class "
        + name
        + " implements org.fanzha.engine.rules.Conditions {\n"
        + constants
        + "  public long test(Object features, org.fanzha.engine.rules.EventView e) {\n"
        + "    "
        + f
        + " f = ("
        + f
        + ") features;\n"
        + "    long m = 0L;\n"
        + body
        + "    return m;\n"
        + "  }\n"
        + "}\n";
  }
}

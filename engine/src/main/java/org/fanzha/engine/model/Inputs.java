package org.fanzha.engine.model;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.fanzha.engine.rules.FieldCatalogue;
import org.fanzha.engine.rules.GeneratedClasses;
import org.fanzha.engine.rules.lang.Field;
import org.fanzha.engine.rules.lang.Type;

/**
 * Binds a model's input names to a features flyweight's rule fields and compiles the copy into one
 * class (Janino, as the rule sets are): direct accessor calls the JIT can inline, no reflection per
 * event.
 */
public final class Inputs {

  /** The field a model must not read: its own score. */
  static final String OWN_SCORE = "model_score";

  /**
   * Nor the risk the engine holds, which the model's own score helps set (a model trained on it
   * learns the rules).
   */
  static final String HELD_SCORE = "held_score";

  private static final AtomicLong CLASSES = new AtomicLong();

  private Inputs() {}

  /**
   * Returns every field of {@code holder} a model may read: its number and yes/no rule fields but
   * the scores.
   */
  public static List<String> candidates(Class<?> holder) {
    return FieldCatalogue.of(holder, false).fields().values().stream()
        .filter(
            f ->
                f.type() != Type.STRING
                    && !f.name().equals(OWN_SCORE)
                    && !f.name().equals(HELD_SCORE))
        .map(Field::name)
        .toList();
  }

  /**
   * Returns a fill for {@code names}, read from {@code holder}'s rule fields.
   *
   * @throws ModelFileException naming the input when it is not a number or boolean field of {@code
   *     holder}
   */
  public static VectorFill compile(Class<?> holder, List<String> names) throws ModelFileException {
    FieldCatalogue catalogue = FieldCatalogue.of(holder, false);
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      Field f = catalogue.fields().get(name);
      if (f == null || name.equals(OWN_SCORE) || f.type() == Type.STRING) {
        throw new ModelFileException(
            "input "
                + name
                + ": not a number or yes/no feature of "
                + holder.getSimpleName()
                + " (./fanzha rules features lists them)");
      }
      String read = "f." + f.method() + "()";
      body.append("    x[")
          .append(i)
          .append("] = ")
          .append(f.type() == Type.BOOL ? "(" + read + " ? 1.0 : 0.0)" : "(double) " + read)
          .append(";\n");
    }
    String name = "Inputs" + CLASSES.incrementAndGet();
    String h = holder.getName();
    String source =
        "package org.fanzha.engine.model.generated;\n"
            + "public final class "
            + name
            + " implements org.fanzha.engine.model.VectorFill {\n"
            + "  public void fill(Object features, double[] x) {\n"
            + "    "
            + h
            + " f = ("
            + h
            + ") features;\n"
            + body
            + "  }\n"
            + "}\n";
    return GeneratedClasses.instantiate(
        source, "org.fanzha.engine.model.generated." + name, VectorFill.class, "generated inputs");
  }
}

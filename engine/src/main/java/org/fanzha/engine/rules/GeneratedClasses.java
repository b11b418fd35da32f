package org.fanzha.engine.rules;

import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.SimpleCompiler;

/**
 * Compiles one generated Java class in memory (Janino) and returns a new instance: the rule sets, a
 * model's input copy and its compiled forest are made this way. Each class gets its own class
 * loader, freed with it.
 */
public final class GeneratedClasses {

  private GeneratedClasses() {}

  /**
   * Returns a new instance of {@code className}, defined by {@code source}.
   *
   * @throws IllegalStateException when the source does not compile: generated code always should,
   *     so that is a fault of its generator, reported with {@code what} and the source
   */
  public static <T> T instantiate(String source, String className, Class<T> type, String what) {
    SimpleCompiler compiler = new SimpleCompiler();
    compiler.setParentClassLoader(GeneratedClasses.class.getClassLoader());
    try {
      compiler.cook(source);
      return type.cast(
          compiler.getClassLoader().loadClass(className).getDeclaredConstructor().newInstance());
    } catch (CompileException | ReflectiveOperationException e) {
      throw new IllegalStateException(
          what + " did not compile: " + e.getMessage() + "\n" + source, e);
    }
  }
}

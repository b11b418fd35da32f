package org.fanzha.engine.rules;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.fanzha.engine.features.RuleField;
import org.fanzha.engine.rules.lang.Field;
import org.fanzha.engine.rules.lang.Type;

/**
 * The values rules can read from one class (a features flyweight, the {@link EventView}): every
 * public no-argument accessor marked {@link RuleField}, by its rule name.
 */
public final class FieldCatalogue {

  private final Class<?> holder;
  private final Map<String, Field> fields;

  private FieldCatalogue(Class<?> holder, Map<String, Field> fields) {
    this.holder = holder;
    this.fields = Collections.unmodifiableMap(fields);
  }

  /**
   * Reads the marked accessors of {@code holder}.
   *
   * @param nullable whether values may be missing (the event's fields) rather than always present
   */
  public static FieldCatalogue of(Class<?> holder, boolean nullable) {
    Map<String, Field> fields = new TreeMap<>();
    for (Method m : holder.getMethods()) {
      RuleField mark = m.getAnnotation(RuleField.class);
      if (mark == null) {
        continue;
      }
      if (m.getParameterCount() != 0) {
        throw new IllegalStateException(
            holder.getSimpleName() + "." + m.getName() + " is marked but takes arguments");
      }
      Type type = typeOf(m.getReturnType(), holder, m);
      try {
        MethodHandle getter =
            MethodHandles.publicLookup()
                .unreflect(m)
                .asType(MethodType.methodType(Object.class, Object.class));
        Field previous =
            fields.put(
                mark.name(),
                new Field(mark.name(), type, m.getName(), mark.meaning(), getter, nullable));
        if (previous != null) {
          throw new IllegalStateException(
              holder.getSimpleName() + " marks two accessors " + mark.name());
        }
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    return new FieldCatalogue(holder, fields);
  }

  private static Type typeOf(Class<?> c, Class<?> holder, Method m) {
    if (c == int.class || c == long.class || c == double.class) {
      return Type.NUMBER;
    }
    if (c == boolean.class) {
      return Type.BOOL;
    }
    if (c == String.class) {
      return Type.STRING;
    }
    throw new IllegalStateException(
        holder.getSimpleName()
            + "."
            + m.getName()
            + " returns "
            + c
            + ", not a number, boolean or string");
  }

  /** Returns the class whose accessors these are. */
  public Class<?> holder() {
    return holder;
  }

  /** Returns the fields by name, in name order. */
  public Map<String, Field> fields() {
    return fields;
  }
}

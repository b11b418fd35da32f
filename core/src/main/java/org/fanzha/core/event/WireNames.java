package org.fanzha.core.event;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Looks up enum constants by their wire names without allocating on the hot path. */
public final class WireNames<E extends Enum<E> & WireName> {

  private final Map<String, E> byName;
  private final String[] byOrdinal;
  private final String allowed;

  private WireNames(Class<E> type) {
    E[] constants = type.getEnumConstants();
    byName = new HashMap<>(constants.length * 2);
    byOrdinal = new String[constants.length];
    StringBuilder names = new StringBuilder();
    for (E e : constants) {
      String wire = e.name().toLowerCase(Locale.ROOT);
      byOrdinal[e.ordinal()] = wire;
      byName.put(wire, e);
      if (names.length() > 0) {
        names.append('|');
      }
      names.append(wire);
    }
    allowed = names.toString();
  }

  /** Returns the wire name of a constant: its name in lower case, computed once. */
  public String nameOf(E constant) {
    return byOrdinal[constant.ordinal()];
  }

  /** Returns a lookup table for the given enum. */
  public static <E extends Enum<E> & WireName> WireNames<E> of(Class<E> type) {
    return new WireNames<>(type);
  }

  /** Returns the constant with this wire name, or {@code null}; matching ignores case. */
  public @Nullable E find(@Nullable String name) {
    if (name == null) {
      return null;
    }
    E e = byName.get(name);
    return e != null ? e : byName.get(name.toLowerCase(Locale.ROOT));
  }

  /** Returns the allowed names joined by {@code |}, for error messages. */
  public String allowed() {
    return allowed;
  }
}

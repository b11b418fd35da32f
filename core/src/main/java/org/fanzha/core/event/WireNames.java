package org.fanzha.core.event;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Looks up enum constants by their wire names without allocating on the hot path. */
public final class WireNames<E extends Enum<E> & WireName> {

  private final Map<String, E> byName;
  private final String allowed;

  private WireNames(Class<E> type) {
    E[] constants = type.getEnumConstants();
    byName = new HashMap<>(constants.length * 2);
    StringBuilder names = new StringBuilder();
    for (E e : constants) {
      byName.put(e.wireName(), e);
      if (names.length() > 0) {
        names.append('|');
      }
      names.append(e.wireName());
    }
    allowed = names.toString();
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

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}

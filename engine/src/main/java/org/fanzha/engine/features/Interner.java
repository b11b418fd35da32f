package org.fanzha.engine.features;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.Arrays;

/** Maps the identifiers of one entity kind to dense int ids (0, 1, 2 …) and back. Not thread-safe. */
public final class Interner {

  private final Object2IntOpenHashMap<String> ids;
  private String[] names;
  private int size;

  /** Creates an empty table sized for {@code expected} identifiers. */
  public Interner(int expected) {
    ids = new Object2IntOpenHashMap<>(Math.max(16, expected));
    ids.defaultReturnValue(-1);
    names = new String[Math.max(16, expected)];
  }

  /** Returns the id of {@code name}, assigning the next one when it is new. */
  public int intern(String name) {
    int id = ids.getInt(name);
    if (id >= 0) {
      return id;
    }
    id = size++;
    if (id == names.length) {
      names = Arrays.copyOf(names, names.length + (names.length >> 1));
    }
    names[id] = name;
    ids.put(name, id);
    return id;
  }

  /** Returns the id of {@code name}, or -1 when it has never been seen. */
  public int find(String name) {
    return ids.getInt(name);
  }

  /** Returns the identifier with this id. */
  public String name(int id) {
    return names[id];
  }

  /** Returns how many identifiers are held. */
  public int size() {
    return size;
  }

  /**
   * Returns an estimate of the heap this table uses per identifier: the hash slot (reference and
   * int at load 0.75), the reverse-table reference and the String with its bytes.
   */
  public long approxBytes() {
    long strings = 0;
    for (int i = 0; i < size; i++) {
      strings += 24 + 16 + names[i].length(); // String header+fields, byte[] header, Latin-1 bytes
    }
    return strings + (long) names.length * 4 + (long) (size / 0.75) * (4 + 4);
  }
}

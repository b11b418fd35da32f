package org.fanzha.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.fanzha.core.event.EventType;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.Role;

/**
 * The enums whose ordinals an engine snapshot stores in its packed tables (role bits, episode
 * types, severities, counters), written by name in ordinal order at the head of the snapshot and
 * checked when it is read. A constant added at the end keeps every older ordinal; a reordered or
 * removed one would make a restored engine read the wrong roles and types, so such a snapshot is
 * refused and the runner rebuilds from the journal instead.
 */
final class SnapshotEnums {

  static final List<Class<? extends Enum<?>>> STORED =
      List.of(EventType.class, Level.class, Role.class, FraudType.class);

  private SnapshotEnums() {}

  static void write(DataOutput d) throws IOException {
    write(d, STORED.stream().map(c -> new Written(c.getSimpleName(), names(c))).toList());
  }

  /** The constants of one enum as a snapshot wrote them. */
  record Written(String enumName, List<String> constants) {}

  static void write(DataOutput d, List<Written> enums) throws IOException {
    d.writeByte(enums.size());
    for (Written w : enums) {
      d.writeUTF(w.enumName());
      d.writeShort(w.constants().size());
      for (String c : w.constants()) {
        d.writeUTF(c);
      }
    }
  }

  /**
   * Reads the constants a snapshot was written with and checks that each is a prefix of this
   * engine's; returns how many constants each enum had then, by simple name (a snapshot sizes its
   * per-constant counters by them: one written before a constant was added has fewer).
   *
   * @throws IOException naming the enum and both orders when one is not
   */
  static java.util.Map<String, Integer> check(DataInput d) throws IOException {
    java.util.Map<String, Integer> counts = new java.util.HashMap<>();
    int n = d.readUnsignedByte();
    for (int i = 0; i < n; i++) {
      String enumName = d.readUTF();
      int count = d.readUnsignedShort();
      List<String> written = new ArrayList<>(count);
      for (int k = 0; k < count; k++) {
        written.add(d.readUTF());
      }
      counts.put(enumName, count);
      for (Class<? extends Enum<?>> c : STORED) {
        List<String> now = names(c);
        if (c.getSimpleName().equals(enumName)
            && (written.size() > now.size() || !now.subList(0, written.size()).equals(written))) {
          throw new IOException(
              "engine snapshot stored "
                  + enumName
                  + " as "
                  + written
                  + " but this engine has "
                  + now
                  + ": its packed values would be read as other constants; rebuild the state from the journal");
        }
      }
    }
    return counts;
  }

  private static List<String> names(Class<? extends Enum<?>> c) {
    return Arrays.stream(c.getEnumConstants()).map(Enum::name).toList();
  }
}

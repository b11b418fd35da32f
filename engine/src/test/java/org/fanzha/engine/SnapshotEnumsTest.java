package org.fanzha.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.Role;
import org.junit.jupiter.api.Test;

/**
 * A snapshot names the enum constants whose ordinals it stores; a reordered enum refuses it, an
 * extended one reads it.
 */
class SnapshotEnumsTest {

  static List<String> names(Class<? extends Enum<?>> c) {
    return Arrays.stream(c.getEnumConstants()).map(Enum::name).toList();
  }

  static byte[] header(List<SnapshotEnums.Written> enums) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(out);
    SnapshotEnums.write(d, enums);
    d.flush();
    return out.toByteArray();
  }

  @Test
  void aSnapshotWrittenWithRolesInAnotherOrder_isRefusedNamingTheEnum() throws Exception {
    List<String> swapped = new ArrayList<>(names(Role.class));
    Collections.swap(
        swapped, 1, 2); // two roles traded places: their bits would be read as each other
    byte[] h = header(List.of(new SnapshotEnums.Written("Role", swapped)));
    assertThatThrownBy(() -> SnapshotEnums.check(new DataInputStream(new ByteArrayInputStream(h))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Role")
        .hasMessageContaining(swapped.get(1));
  }

  @Test
  void aSnapshotWrittenBeforeAConstantWasAddedAtTheEnd_isRead() throws Exception {
    List<String> all = names(FraudType.class);
    byte[] h =
        header(List.of(new SnapshotEnums.Written("FraudType", all.subList(0, all.size() - 1))));
    assertThatCode(() -> SnapshotEnums.check(new DataInputStream(new ByteArrayInputStream(h))))
        .doesNotThrowAnyException();
  }

  @Test
  void anEngineSnapshotWithAReorderedEnum_isNotRestored() throws Exception {
    Engine e = new Engine(EngineConfig.defaults());
    ByteArrayOutputStream snap = new ByteArrayOutputStream();
    e.writeSnapshot(snap);
    byte[] bytes = snap.toByteArray();
    assertThat(Engine.readSnapshot(new ByteArrayInputStream(bytes), EngineConfig.defaults()))
        .isNotNull();

    // the same snapshot with FraudType's first two constants traded in its header
    List<String> types = new ArrayList<>(names(FraudType.class));
    Collections.swap(types, 0, 1);
    List<SnapshotEnums.Written> edited = new ArrayList<>();
    for (Class<? extends Enum<?>> c : SnapshotEnums.STORED) {
      edited.add(
          new SnapshotEnums.Written(c.getSimpleName(), c == FraudType.class ? types : names(c)));
    }
    byte[] original =
        header(
            SnapshotEnums.STORED.stream()
                .map(c -> new SnapshotEnums.Written(c.getSimpleName(), names(c)))
                .toList());
    byte[] replaced = header(edited);
    assertThat(replaced).hasSameSizeAs(original);
    System.arraycopy(replaced, 0, bytes, 8, replaced.length); // after the magic and the version
    assertThatThrownBy(
            () -> Engine.readSnapshot(new ByteArrayInputStream(bytes), EngineConfig.defaults()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("FraudType");
  }

  /**
   * An engine snapshot written before the last event type was added (its header one name shorter,
   * one counter fewer after it) is read whole: the counters follow the header, not this engine.
   */
  @Test
  void anEngineSnapshotFromBeforeTheLastEventType_isReadWhole() throws Exception {
    Scenario s = new Scenario();
    s.call(Scenario.T0, Scenario.phone(1), Scenario.phone(2), 60);
    s.label(
        Scenario.T0 + 1000,
        org.fanzha.core.event.EntityKind.PHONE,
        Scenario.phone(1),
        org.fanzha.core.event.Role.FRAUD_NUMBER);
    ByteArrayOutputStream snap = new ByteArrayOutputStream();
    s.engine().writeSnapshot(snap);
    byte[] now = snap.toByteArray();

    List<SnapshotEnums.Written> current =
        SnapshotEnums.STORED.stream()
            .map(c -> new SnapshotEnums.Written(c.getSimpleName(), names(c)))
            .toList();
    List<SnapshotEnums.Written> before = new ArrayList<>();
    for (SnapshotEnums.Written w : current) {
      before.add(
          w.enumName().equals("EventType")
              ? new SnapshotEnums.Written(
                  w.enumName(), w.constants().subList(0, w.constants().size() - 1))
              : w);
    }
    byte[] headerNow = header(current);
    byte[] headerBefore = header(before);
    int types = names(org.fanzha.core.event.EventType.class).size();
    int counters = 8 + headerNow.length + 16; // magic, version, header, clock, processed
    ByteArrayOutputStream old = new ByteArrayOutputStream();
    old.write(now, 0, 8);
    old.write(headerBefore);
    old.write(now, 8 + headerNow.length, 16);
    old.write(now, counters, (types - 1) * 8); // every counter but the last type's
    old.write(now, counters + types * 8, now.length - counters - types * 8);

    Engine read =
        Engine.readSnapshot(new ByteArrayInputStream(old.toByteArray()), EngineConfig.defaults());
    assertThat(read.entity(org.fanzha.core.event.EntityKind.PHONE, Scenario.phone(1)))
        .isEqualTo(s.engine().entity(org.fanzha.core.event.EntityKind.PHONE, Scenario.phone(1)))
        .isPresent();
    assertThat(read.stats().eventsByType()).isEqualTo(s.engine().stats().eventsByType());
  }
}

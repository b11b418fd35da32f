package org.fanzha.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.Role;
import org.jspecify.annotations.Nullable;

/**
 * The confirmed role of every entity the simulator planted: fraud numbers, mule accounts, card
 * dealers' holder IDs, victims, and the benign heavy callers (role {@code normal}) that a detector
 * must not flag. Immutable; iteration is sorted, so output never depends on hashing.
 */
public final class GroundTruth {

  private final List<LabelEvent> labels;
  private final Map<EntityKind, Map<Role, Set<String>>> index;
  private final Map<EntityKind, Map<String, LabelEvent>> byEntity;

  private GroundTruth(List<LabelEvent> labels) {
    this.labels = Collections.unmodifiableList(labels);
    this.index = new EnumMap<>(EntityKind.class);
    this.byEntity = new EnumMap<>(EntityKind.class);
    for (LabelEvent l : labels) {
      index
          .computeIfAbsent(l.entityKind(), k -> new EnumMap<>(Role.class))
          .computeIfAbsent(l.role(), k -> new TreeSet<>())
          .add(l.entity());
      byEntity.computeIfAbsent(l.entityKind(), k -> new TreeMap<>()).put(l.entity(), l);
    }
  }

  /** Returns the entities of a kind that play a role (sorted, unmodifiable; empty if none). */
  public Set<String> entities(EntityKind kind, Role role) {
    Set<String> s = index.getOrDefault(kind, Map.of()).get(role);
    return s == null ? Set.of() : Collections.unmodifiableSet(s);
  }

  /** Returns the label of an entity, or {@code null} when the simulator assigned it no role. */
  public @Nullable LabelEvent labelOf(EntityKind kind, String entity) {
    Map<String, LabelEvent> m = byEntity.get(kind);
    return m == null ? null : m.get(entity);
  }

  /** Returns every label, sorted by entity kind, role and entity. */
  public List<LabelEvent> labels() {
    return labels;
  }

  /** Collects labels; the first role given to an entity wins. */
  static final class Builder {
    private record Entry(EntityKind kind, String entity, Role role, @Nullable FraudType type) {}

    private final Map<String, Entry> entries = new TreeMap<>();

    /** Adds a label unless the entity already has one; returns whether it was added. */
    boolean add(EntityKind kind, String entity, Role role, @Nullable FraudType type) {
      return entries.putIfAbsent(kind.ordinal() + "|" + entity, new Entry(kind, entity, role, type))
          == null;
    }

    boolean has(EntityKind kind, String entity) {
      return entries.containsKey(kind.ordinal() + "|" + entity);
    }

    GroundTruth build(long ts) {
      List<Entry> rows = new ArrayList<>(entries.values());
      rows.sort(
          Comparator.comparing(Entry::kind)
              .thenComparing(Entry::role)
              .thenComparing(Entry::entity));
      List<LabelEvent> out = new ArrayList<>(rows.size());
      int n = 0;
      for (Entry e : rows) {
        out.add(
            new LabelEvent("label-" + (n++), ts, "sim", e.kind(), e.entity(), e.role(), e.type()));
      }
      return new GroundTruth(out);
    }
  }
}

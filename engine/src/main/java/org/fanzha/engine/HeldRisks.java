package org.fanzha.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Role;
import org.fanzha.engine.features.FeatureTable;
import org.fanzha.engine.scoring.EngineState;
import org.fanzha.engine.scoring.RuleKinds;

/**
 * Reads the risk the engine holds for entities: one, the riskiest, or all. A phone's is the higher
 * of its risk as a number and its owner's as a person (decision 0023), with the roles of both.
 */
final class HeldRisks {
  private final EngineState state;

  HeldRisks(EngineState state) {
    this.state = state;
  }

  Optional<EntityRisk> entity(EntityKind kind, String id) {
    FeatureTable t = state.table(kind);
    int i = t.find(id);
    if (i < 0 || (score(kind, t, i) == 0 && roles(kind, t, i) == 0)) {
      return Optional.empty();
    }
    return Optional.of(risk(kind, t, i));
  }

  List<EntityRisk> riskiest(int limit) {
    if (limit <= 0) {
      return List.of();
    }
    PriorityQueue<long[]> heap = new PriorityQueue<>(Comparator.comparingLong(x -> x[0]));
    for (EntityKind kind : EntityKind.values()) {
      FeatureTable t = state.table(kind);
      for (int i = 0, n = t.size(); i < n; i++) {
        int s = score(kind, t, i);
        if (s > 0 && (heap.size() < limit || s > heap.peek()[0])) {
          heap.add(new long[] {s, kind.ordinal(), i});
          if (heap.size() > limit) {
            heap.poll();
          }
        }
      }
    }
    List<EntityRisk> out = new ArrayList<>(heap.size());
    while (!heap.isEmpty()) {
      long[] x = heap.poll();
      EntityKind kind = EntityKind.values()[(int) x[1]];
      out.add(risk(kind, state.table(kind), (int) x[2]));
    }
    Collections.reverse(out);
    return out;
  }

  void forEach(Consumer<EntityRisk> sink) {
    for (EntityKind kind : EntityKind.values()) {
      FeatureTable t = state.table(kind);
      for (int i = 0, n = t.size(); i < n; i++) {
        if (score(kind, t, i) > 0) {
          sink.accept(risk(kind, t, i));
        }
      }
    }
  }

  private int score(EntityKind kind, FeatureTable t, int i) {
    return kind == EntityKind.PHONE ? Math.max(t.score(i), state.persons().score(i)) : t.score(i);
  }

  private int roles(EntityKind kind, FeatureTable t, int i) {
    return kind == EntityKind.PHONE ? t.roleMask(i) | state.persons().roleMask(i) : t.roleMask(i);
  }

  private EntityRisk risk(EntityKind kind, FeatureTable t, int i) {
    int s = score(kind, t, i);
    long mask = t.reasonMask(i);
    if (kind == EntityKind.PHONE) {
      int asPerson = state.persons().score(i);
      // the reasons of the higher; of both when they are level
      mask =
          asPerson > t.score(i)
              ? state.persons().reasonMask(i)
              : asPerson == t.score(i) ? mask | state.persons().reasonMask(i) : mask;
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    int bits = roles(kind, t, i);
    for (Role r : Role.values()) {
      if (r != Role.NORMAL && (bits & (1 << r.ordinal())) != 0) {
        roles.add(r);
      }
    }
    return new EntityRisk(
        kind,
        t.name(i),
        s,
        Level.of(Math.max(1, s)),
        roles,
        state.codes().reasons(RuleKinds.of(kind), mask));
  }
}

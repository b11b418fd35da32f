package org.fanzha.engine.keyed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.Role;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.Warning;
import org.fanzha.engine.scoring.Facts;
import org.fanzha.engine.scoring.Part;
import org.fanzha.engine.scoring.Request;
import org.fanzha.engine.scoring.Stage;

/**
 * The engine split the way a keyed runner splits it (decision 0023), in one thread: each {@link
 * Stage} is {@code groups} engines, each holding only the keys that hash to it. An event's parts
 * run stage by stage on the engine owning each part's key, with what earlier parts found passed on
 * in {@link Facts}; the requests they make are delivered after the event to the engine owning their
 * key; the decision is the riskiest of the parts'. It is the reference the Flink job's keyed
 * operators follow, and the proof (by test) that no step reads state its key does not own: run on a
 * world, it must find what the one-state engine finds.
 */
public final class KeyedEngines {
  private final int groups;
  private final Engine[][] engines;
  private final ArrayDeque<Request> requests = new ArrayDeque<>();
  private final Facts facts = new Facts();
  private final Facts found = new Facts();
  private final Facts part = new Facts();
  private final DecisionCombiner decision = new DecisionCombiner();

  public KeyedEngines(EngineConfig config, int groups) {
    if (groups < 1) {
      throw new IllegalArgumentException("groups must be at least 1: " + groups);
    }
    this.groups = groups;
    Stage[] stages = Stage.values();
    engines = new Engine[stages.length][groups];
    Consumer<Request> outbox = requests::add;
    for (Stage s : stages) {
      for (int g = 0; g < groups; g++) {
        Engine e = new Engine(config);
        e.keyedShare(outbox);
        engines[s.ordinal()][g] = e;
      }
    }
  }

  /**
   * Scores one event: its parts stage by stage, then the requests they made; returns the decision.
   */
  public Decision process(Event event) {
    facts.clear();
    found.clear();
    decision.begin(event);
    // the parts of one stage run as a keyed runner runs them: each on its own copy of what the
    // stages before found,
    // merged before the next stage (a part that needed another part of its stage would find nothing
    // here)
    Stage stage = null;
    for (Part.Visit v : Part.of(event)) {
      if (v.part().stage() != stage) {
        facts.merge(found);
        found.clear();
        stage = v.part().stage();
      }
      String key = v.part().key(event, v.index(), facts);
      if (key == null) {
        continue;
      }
      for (Engine e : owners(v.part().stage(), key)) {
        part.copyOf(facts);
        decision.offer(e.visit(v.part(), v.index(), event, part));
        found.merge(part);
      }
    }
    while (!requests.isEmpty()) {
      Request r = requests.poll();
      for (Engine e : owners(r.stage(), r.key())) {
        e.receive(r);
      }
    }
    return decision.result();
  }

  /** Returns the warnings raised since the last call: the stages' in stage and group order. */
  public List<Warning> drainWarnings() {
    List<Warning> out = new ArrayList<>();
    for (Engine[] stage : engines) {
      for (Engine e : stage) {
        out.addAll(e.drainWarnings());
      }
    }
    return out;
  }

  /**
   * Returns every entity with a held score above zero, as the one-state engine reports it: a
   * phone's risk as a number (ACTOR) and as a person (PERSON) merged, the higher with the roles of
   * both.
   */
  public List<EntityRisk> risks() {
    Map<String, EntityRisk> merged = new LinkedHashMap<>();
    for (Engine[] stage : engines) {
      for (Engine e : stage) {
        e.forEachRisk(
            r ->
                merged.merge(
                    r.entityKind().wireName() + ":" + r.entity(), r, KeyedEngines::higher));
      }
    }
    return new ArrayList<>(merged.values());
  }

  /**
   * Returns how many entities the shares forgot for being idle with nothing held (decision 0027),
   * all stages.
   */
  public long forgottenIdle() {
    long n = 0;
    for (Engine[] stage : engines) {
      for (Engine e : stage) {
        n += e.stats().forgottenIdle();
      }
    }
    return n;
  }

  /**
   * Merges two risks held for one entity by different stages: the higher, with the roles of both.
   */
  public static EntityRisk higher(EntityRisk a, EntityRisk b) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    roles.addAll(a.roles());
    roles.addAll(b.roles());
    EntityRisk top = b.score() > a.score() ? b : a;
    List<Reason> reasons = new ArrayList<>(top.reasons());
    if (a.score() == b.score()) {
      b.reasons().stream().filter(x -> !reasons.contains(x)).forEach(reasons::add);
    }
    return new EntityRisk(top.entityKind(), top.entity(), top.score(), top.level(), roles, reasons);
  }

  private List<Engine> owners(Stage stage, String key) {
    Engine[] share = engines[stage.ordinal()];
    return Part.EVERY.equals(key) ? List.of(share) : List.of(share[group(key)]);
  }

  private int group(String key) {
    return Math.floorMod(key.hashCode() * 0x9E3779B9, groups);
  }
}

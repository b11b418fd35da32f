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
 * world, it must find what the one-state engine finds. {@link #perKey} cuts each stage further, one
 * engine per key (decision 0038): the proof that a key's state is its own, which a runner keeping
 * state per entity relies on.
 */
public final class KeyedEngines {
  private final StageShares[] stages;
  private final ArrayDeque<Request> requests = new ArrayDeque<>();
  private final Facts facts = new Facts();
  private final Facts found = new Facts();
  private final Facts part = new Facts();
  private final DecisionCombiner decision = new DecisionCombiner();

  /** Cuts every stage into {@code groups} engines, each holding the keys that hash to it. */
  public KeyedEngines(EngineConfig config, int groups) {
    if (groups < 1) {
      throw new IllegalArgumentException("groups must be at least 1: " + groups);
    }
    stages = new StageShares[Stage.values().length];
    for (int s = 0; s < stages.length; s++) {
      stages[s] = new Grouped(config, Stage.values()[s], groups, requests::add);
    }
  }

  private KeyedEngines(EngineConfig config) {
    stages = new StageShares[Stage.values().length];
    for (int s = 0; s < stages.length; s++) {
      stages[s] = new PerKey(config, Stage.values()[s], requests::add);
    }
  }

  /**
   * Returns engines that keep one engine per stage and key, made when the key first arrives; what
   * reaches every key (sites reported or listed) is kept and given to each engine made later.
   */
  public static KeyedEngines perKey(EngineConfig config) {
    return new KeyedEngines(config);
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
      StageShares shares = stages[stage.ordinal()];
      if (Part.EVERY.equals(key)) {
        Facts before = new Facts();
        before.copyOf(facts);
        shares.later(
            e -> {
              Facts f = new Facts();
              f.copyOf(before);
              e.visit(v.part(), v.index(), event, f);
            });
      }
      for (Engine e : shares.owners(key)) {
        part.copyOf(facts);
        decision.offer(e.visit(v.part(), v.index(), event, part));
        found.merge(part);
      }
    }
    while (!requests.isEmpty()) {
      Request r = requests.poll();
      StageShares shares = stages[r.stage().ordinal()];
      if (Part.EVERY.equals(r.key())) {
        shares.later(e -> e.receive(r));
      }
      for (Engine e : shares.owners(r.key())) {
        e.receive(r);
      }
    }
    return decision.result();
  }

  /** Returns the warnings raised since the last call: the stages' in stage and share order. */
  public List<Warning> drainWarnings() {
    List<Warning> out = new ArrayList<>();
    forEachEngine(e -> out.addAll(e.drainWarnings()));
    return out;
  }

  /**
   * Returns every entity with a held score above zero, as the one-state engine reports it: a
   * phone's risk as a number (ACTOR) and as a person (PERSON) merged, the higher with the roles of
   * both.
   */
  public List<EntityRisk> risks() {
    Map<String, EntityRisk> merged = new LinkedHashMap<>();
    forEachEngine(
        e ->
            e.forEachRisk(
                r ->
                    merged.merge(
                        r.entityKind().wireName() + ":" + r.entity(), r, KeyedEngines::higher)));
    return new ArrayList<>(merged.values());
  }

  /**
   * Returns how many entities the shares forgot for being idle with nothing held (decision 0027),
   * all stages.
   */
  public long forgottenIdle() {
    long[] n = {0};
    forEachEngine(e -> n[0] += e.stats().forgottenIdle());
    return n[0];
  }

  /** Returns how many engines hold the stages now (per key: the keys each stage has met). */
  public int engines() {
    int[] n = {0};
    forEachEngine(e -> n[0]++);
    return n[0];
  }

  /** Hands every engine to {@code each}, stage by stage. */
  public void forEachEngine(Consumer<Engine> each) {
    for (StageShares shares : stages) {
      shares.forEach(each);
    }
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

  /** One stage's engines and which of them own a key. */
  private interface StageShares {
    /** Returns the engines a part or request for {@code key} runs on ({@link Part#EVERY}: all). */
    List<Engine> owners(String key);

    /** Keeps what every key must see, for the engines made after it (none are, by key group). */
    void later(Consumer<Engine> broadcast);

    void forEach(Consumer<Engine> each);
  }

  /** A stage cut into a fixed number of key groups, every engine made at the start. */
  private static final class Grouped implements StageShares {
    private final Engine[] byGroup;

    Grouped(EngineConfig config, Stage stage, int groups, Consumer<Request> outbox) {
      byGroup = new Engine[groups];
      for (int g = 0; g < groups; g++) {
        byGroup[g] = new Engine(config);
        byGroup[g].keyedShare(stage, outbox);
      }
    }

    @Override
    public List<Engine> owners(String key) {
      return Part.EVERY.equals(key)
          ? List.of(byGroup)
          : List.of(byGroup[Math.floorMod(key.hashCode() * 0x9E3779B9, byGroup.length)]);
    }

    @Override
    public void later(Consumer<Engine> broadcast) {}

    @Override
    public void forEach(Consumer<Engine> each) {
      for (Engine e : byGroup) {
        each.accept(e);
      }
    }
  }

  /**
   * A stage with an engine per key, made when the key first arrives and given, in order, what every
   * key saw before it (what such a runner keeps as broadcast state).
   */
  private static final class PerKey implements StageShares {
    private final EngineConfig config;
    private final Stage stage;
    private final Consumer<Request> outbox;
    private final Map<String, Engine> byKey = new LinkedHashMap<>();
    private final List<Consumer<Engine>> broadcasts = new ArrayList<>();
    private boolean catchingUp;

    PerKey(EngineConfig config, Stage stage, Consumer<Request> outbox) {
      this.config = config;
      this.stage = stage;
      this.outbox = outbox;
    }

    @Override
    public List<Engine> owners(String key) {
      if (Part.EVERY.equals(key)) {
        return List.copyOf(byKey.values());
      }
      Engine e = byKey.get(key);
      if (e == null) {
        e = Engine.forOneKey(config);
        // what a new key makes of the broadcasts it catches up on was asked by the keys that saw
        // them at the time
        e.keyedShare(
            stage,
            q -> {
              if (!catchingUp) {
                outbox.accept(q);
              }
            });
        catchingUp = true;
        for (Consumer<Engine> b : broadcasts) {
          b.accept(e);
        }
        e.drainWarnings();
        catchingUp = false;
        byKey.put(key, e);
      }
      return List.of(e);
    }

    @Override
    public void later(Consumer<Engine> broadcast) {
      broadcasts.add(broadcast);
    }

    @Override
    public void forEach(Consumer<Engine> each) {
      byKey.values().forEach(each);
    }
  }
}

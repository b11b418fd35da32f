package org.fanzha.engine;

import static org.fanzha.core.time.Millis.DAY;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.EventType;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.features.FeatureTable;
import org.fanzha.engine.features.PhoneTable;
import org.fanzha.engine.lists.RiskLists;
import org.fanzha.engine.model.EntityModel;
import org.fanzha.engine.model.Models;
import org.fanzha.engine.rules.EngineParams;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.scoring.DecisionTally;
import org.fanzha.engine.scoring.EngineState;
import org.fanzha.engine.scoring.Evaluation;
import org.fanzha.engine.scoring.Facts;
import org.fanzha.engine.scoring.KeyState;
import org.fanzha.engine.scoring.Part;
import org.fanzha.engine.scoring.Request;
import org.fanzha.engine.scoring.RulesInForce;
import org.fanzha.engine.scoring.Stage;
import org.fanzha.engine.scoring.Steps;
import org.fanzha.engine.subscriber.SubscriberScore;
import org.fanzha.engine.subscriber.SubscriberScorer;
import org.jspecify.annotations.Nullable;

/**
 * The detection engine: takes one event at a time, updates per-entity features, runs the rules,
 * propagates risk along links and returns a {@link Decision}. Runner-agnostic plain Java: time is
 * the events' own timestamps, state is explicit and serialisable ({@link #writeSnapshot}).
 *
 * <p>Single-threaded: the caller serialises calls. Idempotency (the same event id twice) is the
 * caller's duty, as the caller owns the journal of accepted events.
 */
public final class Engine {
  /*
   * Per event: intern the identifiers it names (one hash look-up each), add to the entities' time
   * buckets, ask the pair memory whether this contact is new, then evaluate the rules of each entity
   * whose features changed. The work is cut by capability (org.fanzha.engine.scoring): one class
   * per kind of event, Evaluation and Propagation for the rules and the links they follow, a
   * DecisionTally for the event's answer, all state in one EngineState. This class wires them and
   * keeps the counters, queries and snapshots.
   */

  private static final int SNAPSHOT_MAGIC = 0x465A_454E; // "FZEN"

  /**
   * 6: episodes' payments and lure types; 5: episode ids; 4: rule codes of the lasting mask bits.
   */
  // 7: listing events counted, grey and dishonest lists; 8: the stored enums' constants by name
  // (SnapshotEnums);
  // 9: people's risk apart from their numbers' (PersonRisks); 10: handset and network counts, not
  // references;
  // 11: a keyed share's copies of numbers (NumberCopies); 12: the days a phone called or texted
  // (its slice widens);
  // 13: lures carry their hour and may be hints, episode types one more strength (EpisodeTypes), an
  // account's last
  // small inflow (its slice widens); an episode restored from 12 ranks its type's evidence one step
  // lower;
  // 14: when each entity was last seen, forgotten ids as gaps and the free ids in order (decision
  // 0027)
  // 15: a keyed share's pairs by owner and its accounts' phones by name (decision 0041)
  private static final int SNAPSHOT_VERSION = 16;

  /**
   * The oldest snapshot still read: the victim watch of 4 and 5 is read with defaults for what they
   * lack.
   */
  private static final int OLDEST_READABLE = 4;

  private final EngineConfig config;
  private final EngineState state;
  private final RulesInForce rules;
  private final DecisionTally tally;
  private final Evaluation eval;
  private final Steps steps;
  private final HeldRisks held;
  private final Facts facts = new Facts();
  private final Part.Visits visits = new Part.Visits();
  private boolean partsOneByOne; // a test's reference: every event's parts through the buffer
  private SubscriberScorer subscribers;

  private final long[] eventsByType = new long[EventType.values().length];
  private long processed;
  private long clock;
  private long forgotten; // entities forgotten idle since this engine started

  /** Creates an engine with empty state. */
  public Engine(EngineConfig config) {
    this(config, EngineState.empty(config));
  }

  /**
   * Creates an engine with empty state sized for the entities of one key (decision 0038); a keyed
   * runner that keeps state per entity makes one per stage and key.
   */
  public static Engine forOneKey(EngineConfig config) {
    return new Engine(config, EngineState.forOneKey());
  }

  private Engine(EngineConfig config, EngineState state) {
    this.config = config;
    this.state = state;
    this.rules = new RulesInForce(state.codes(), config.rules());
    state.victims().window(rules.params().victimWindowMs, rules.params().lureWindowMs);
    this.tally = new DecisionTally(state);
    this.eval = new Evaluation(state, rules, tally);
    eval.useModels(config.models());
    this.steps = new Steps(state, rules, eval, tally, config.contentClassifier());
    this.held = new HeldRisks(state);
    this.subscribers = new SubscriberScorer(rules.book());
  }

  /**
   * Scores every later event with {@code next}: its rules, weights and thresholds. State is kept
   * (features are features whatever the rules); an entity's stored risk is the one its last event
   * gave until its next event re-scores it. Call between two events, from the thread that feeds
   * them.
   *
   * @throws IllegalArgumentException when the book would need more rule codes than the engine can
   *     tell apart (see {@link org.fanzha.engine.rules.RuleCodes}); the rules in force are then
   *     unchanged
   */
  public void useRules(RuleBook next) {
    rules.adopt(next);
    state.victims().window(rules.params().victimWindowMs, rules.params().lureWindowMs);
    subscribers = new SubscriberScorer(next);
  }

  /**
   * Scores every later event with the trained models {@code m} (rules read them as {@code
   * features.model_score}). Call between two events, from the thread that feeds them.
   */
  public void useModels(Models m) {
    eval.useModels(m);
  }

  /**
   * Shows each phone and account evaluation to {@code tap} ({@code null}: stop); for training
   * models.
   */
  public void tap(Evaluation.@Nullable Tap tap) {
    eval.tap(tap);
  }

  /** Returns the rule book in force. */
  public RuleBook rules() {
    return rules.book();
  }

  /**
   * Returns the configuration this engine was created with (its rule book may have been replaced
   * since).
   */
  public EngineConfig config() {
    return config;
  }

  /** Returns the risk lists (black, white, reported targets) this engine consults. */
  public RiskLists lists() {
    return state.lists();
  }

  /**
   * Updates the state with one event and returns the decision about its riskiest party ({@link
   * Decision#isNone()} when nothing was found). Never throws on a valid event.
   */
  public Decision process(Event event) {
    // time, type and id of the commonest kinds read through their classes: a call on the sealed
    // interface goes through an itable stub (four such calls an event had cost about 3%)
    long ts;
    EventType type;
    String id;
    if (event instanceof CallEvent c) {
      ts = c.ts();
      type = EventType.CALL;
      id = c.id();
    } else if (event instanceof SmsEvent m) {
      ts = m.ts();
      type = EventType.SMS;
      id = m.id();
    } else if (event instanceof TransferEvent t) {
      ts = t.ts();
      type = EventType.TRANSFER;
      id = t.id();
    } else {
      ts = event.ts();
      type = event.type();
      id = event.id();
    }
    advance(ts);
    eventsByType[type.ordinal()]++;
    tally.begin(type, id);
    eval.begin(event);
    facts.clear();
    if (partsOneByOne || !steps.runWhole(event, facts)) {
      visits.fill(event);
      for (int i = 0; i < visits.size(); i++) {
        steps.run(visits.part(i), visits.index(i), event, facts);
      }
    }
    Decision d = eval.withModelReasons(tally.decision(), clock);
    eval.settle();
    if ((++processed & 0xFFFF) == 0) {
      state.expireEpisodes(clock);
    }
    return d;
  }

  /**
   * Runs every event's parts one by one from {@link Part.Visits}, as the keyed engines do, instead
   * of a call's, message's or transfer's parts in one go: a test's reference for the order of the
   * two.
   */
  void runPartsOneByOne() {
    partsOneByOne = true;
  }

  /**
   * Moves the clock to {@code ts} when it is later; on the first event of each new day (in event
   * time, so a replay and a restored engine sweep when the running one did) forgets the entities
   * idle longer than the book's {@code state.idle_days} (decision 0027).
   */
  private void advance(long ts) {
    if (ts <= clock) {
      return;
    }
    long day = Math.floorDiv(clock, DAY);
    clock = ts;
    state.clock(ts);
    EngineParams p = rules.params();
    if (p.idleMs > 0 && day > 0 && Math.floorDiv(ts, DAY) > day) {
      forgotten += state.forgetIdle(ts, p.idleMs, p.suspect);
    }
  }

  // ---------------------------------------------------------------- state per entity (decision
  // 0038)

  /**
   * Returns what this share holds for {@code key} as bytes, or null when it holds nothing for it;
   * only keys of a stage {@link KeyState#perEntity} names.
   */
  public byte @Nullable [] exportKey(String key) {
    return KeyState.export(state, key);
  }

  /**
   * Puts back what {@link #exportKey} returned for {@code key} (it holds nothing for it now), as it
   * was; {@link #forgetKeyIfIdle} then applies the sweeps it missed.
   *
   * @throws IOException when the bytes are not a key's state this build can read
   */
  public void restoreKey(String key, byte[] bytes) throws IOException {
    KeyState.restore(state, key, bytes);
  }

  /**
   * Forgets {@code key} if the last idle sweep would have forgotten it (decision 0027): a key kept
   * elsewhere while this share swept, just put back. Returns whether it did.
   */
  public boolean forgetKeyIfIdle(String key) {
    EngineParams p = rules.params();
    boolean idle = KeyState.forgetIfIdle(state, key, state.lastSweep(), p.idleMs, p.suspect);
    if (idle) {
      forgotten++;
    }
    return idle;
  }

  /**
   * Returns whether this share holds anything for {@code key} (an idle sweep may have let it go).
   */
  public boolean holdsKey(String key) {
    return KeyState.holds(state, key);
  }

  /**
   * Hands {@code each} every key of {@code stage} (one whose state is kept per entity) this engine
   * holds: a share restored whole, from before that.
   */
  public void forEachKey(Stage stage, Consumer<String> each) {
    KeyState.forEachKey(state, stage, each);
  }

  /**
   * Forgets the rows of this share of {@code stage} that no key it holds names and that hold
   * nothing: what the keys the runner let go left behind (decision 0040).
   */
  public void letGoUnnamed(Stage stage) {
    KeyState.letGoUnnamed(state, stage, rules.params().suspect);
  }

  /** Forgets what this share holds for {@code key} (the runner keeps it elsewhere). */
  public void forgetKey(String key) {
    KeyState.forget(state, key);
  }

  /**
   * Returns what this share holds beside its keys as bytes (the same for every key of its group: a
   * share of people's copies of numbers, sites, quiet episodes by caller), or null when it holds
   * nothing so; a runner that keeps state per entity keeps it with the key group.
   */
  public byte @Nullable [] exportGroup() {
    return KeyState.exportGroup(state);
  }

  /**
   * Puts back what {@link #exportGroup} returned, in place of what this share holds beside its
   * keys.
   *
   * @throws IOException when the bytes are not what this build writes
   */
  public void restoreGroup(byte[] bytes) throws IOException {
    KeyState.restoreGroup(state, bytes);
  }

  /**
   * Returns the keys (of this share's stage) a request needs held before it is carried out: the
   * people whose quiet episodes a caller now suspected started ({@link Request.Link#WARN_QUIET}),
   * which a runner that keeps people apart reads back first.
   */
  public List<String> keysFor(Request request) {
    return request.link() == Request.Link.WARN_QUIET
        ? state.victims().quietVictims(request.target()).stream()
            .map(name -> EntityKind.PHONE.wireName() + ":" + name)
            .toList()
        : List.of();
  }

  /**
   * Returns the latest event time this engine has seen and the time of its last idle sweep (0:
   * none), what {@link #resumeClock} takes: a runner that keeps state per entity keeps them apart.
   */
  public long[] clockAndSweep() {
    return new long[] {clock, state.lastSweep()};
  }

  /** Returns the event time of this engine's last idle sweep (0: none yet). */
  public long lastSweep() {
    return state.lastSweep();
  }

  /** Sets the clock and the last sweep's time an engine kept apart had (a fresh engine only). */
  public void resumeClock(long now, long sweptAt) {
    clock = now;
    state.clock(now);
    state.resumeSweep(sweptAt);
  }

  // ---------------------------------------------------------------- a keyed runner's share
  // (decision 0023)

  /**
   * Makes this engine {@code stage}'s share of one key group in a keyed runner: relations are kept
   * on both sides, requests to other keys go to {@code outbox} (among them a number's risk, to
   * every person's task, each time what people read of it changes), and people's steps read the
   * copies of numbers sent so.
   */
  public void keyedShare(Stage stage, Consumer<Request> outbox) {
    state.keyed(stage);
    eval.outbox(outbox);
  }

  /**
   * Runs one part of {@code event} for the key it names and returns the decision about what that
   * part scored (a keyed runner combines the parts'); the requests it makes go to the outbox.
   */
  public Decision visit(Part part, int index, Event event, Facts facts) {
    advance(event.ts());
    tally.begin(event.type(), event.id());
    eval.begin(event);
    steps.run(part, index, event, facts);
    Decision d = eval.withModelReasons(tally.decision(), clock);
    eval.settle();
    if ((++processed & 0xFFFF) == 0) {
      state.expireEpisodes(clock);
    }
    return d;
  }

  /** Carries out a request another key's part made (its stage and key are this share's). */
  public void receive(Request request) {
    advance(request.ts());
    eval.receive(request);
  }

  /**
   * Returns how many times each rule code fired since this engine started (or its counts were last
   * reset), counting every entity the rule fired for on every event.
   */
  public Map<String, Long> ruleHits() {
    return eval.ruleHits();
  }

  /**
   * Returns the codes of the rules that last fired for an entity (its held risk's reasons), or
   * none.
   */
  public List<String> ruleCodes(EntityKind kind, String id) {
    return entity(kind, id)
        .map(r -> r.reasons().stream().map(Reason::code).toList())
        .orElse(List.of());
  }

  // ---------------------------------------------------------------- queries

  /** Returns the risk held for an entity, if it has a score above zero or a role. */
  public Optional<EntityRisk> entity(EntityKind kind, String id) {
    return held.entity(kind, id);
  }

  /**
   * Returns the subscriber score (在网积分) of a number the engine has met, with the lines of the rules
   * in force, as its features stand at the latest event time read; nothing for a number never met.
   */
  public Optional<SubscriberScore> subscriber(String phone) {
    PhoneTable phones = (PhoneTable) state.table(EntityKind.PHONE);
    int i = phones.find(phone);
    return i < 0 ? Optional.empty() : Optional.of(subscribers.score(phones, i, clock));
  }

  /** Returns the trained models in force. */
  public Models models() {
    return eval.models();
  }

  /**
   * Returns the trained model's probability for a phone (a fraud number) or an account (a mule) as
   * its features stand now, or NaN when the entity is unknown or no model covers its kind.
   */
  public double modelScore(EntityKind kind, String id) {
    int i = state.table(kind).find(id);
    Evaluation.ModelQuery q = i < 0 ? null : eval.model(kind, i, clock);
    return q == null ? Double.NaN : q.score();
  }

  /**
   * Returns up to {@code top} of the model's inputs that moved this entity's score most, either way
   * (exact Shapley values of the trees), or nothing when the entity is unknown or no model covers
   * its kind.
   */
  public List<EntityModel.Contribution> modelReasons(EntityKind kind, String id, int top) {
    int i = state.table(kind).find(id);
    Evaluation.ModelQuery q = i < 0 ? null : eval.model(kind, i, clock);
    return q == null ? List.of() : q.reasons(top);
  }

  /** Returns up to {@code limit} entities with the highest held scores, highest first. */
  public List<EntityRisk> riskiest(int limit) {
    return held.riskiest(limit);
  }

  /** Hands every entity with a held score above zero to {@code sink}, kind by kind. */
  public void forEachRisk(Consumer<EntityRisk> sink) {
    held.forEach(sink);
  }

  /** Returns the warnings raised since the last call, oldest first. */
  public List<Warning> drainWarnings() {
    return state.victims().drain();
  }

  /** Returns counters of events, decisions, entities and the approximate size of the state. */
  public EngineStats stats() {
    Map<EventType, Long> ev = new EnumMap<>(EventType.class);
    for (EventType t : EventType.values()) {
      ev.put(t, eventsByType[t.ordinal()]);
    }
    Map<Level, Long> dec = new EnumMap<>(Level.class);
    long[] byLevel = tally.decisionsByLevel();
    for (Level l : Level.values()) {
      dec.put(l, byLevel[l.ordinal()]);
    }
    Map<EntityKind, Integer> ent = new EnumMap<>(EntityKind.class);
    Map<EntityKind, Integer> per = new EnumMap<>(EntityKind.class);
    long bytes =
        state.pairBytes()
            + state.victims().approxBytes()
            + state.cells().approxBytes()
            + state.persons().approxBytes();
    for (EntityKind k : EntityKind.values()) {
      FeatureTable t = state.table(k);
      ent.put(k, t.liveCount());
      per.put(k, t.bytesPerEntityFeatures());
      bytes += t.approxBytes();
    }
    return new EngineStats(ev, dec, ent, bytes, per, state.victims().episodes(), forgotten);
  }

  /**
   * Returns the bytes of each structure of the state, as allocated (unused capacity included), by
   * name in a stable order: per table ({@code phone}, {@code account}, {@code holder}, {@code
   * device}, {@code ip}, {@code cell}) its feature pages (held risk included), identifier arena and
   * identifier hash table; then the pair memory, the risk lists and the victim episodes. An
   * estimate from array lengths (object headers of the few big arrays aside), for the breakdown;
   * the whole heap is what a heap measurement shows.
   */
  public Map<String, Long> memory() {
    Map<String, Long> m = new LinkedHashMap<>();
    String[] names = {"phone", "account", "holder", "device", "ip", "cell"};
    FeatureTable[] tables = {
      state.table(EntityKind.PHONE),
      state.table(EntityKind.ACCOUNT),
      state.table(EntityKind.HOLDER),
      state.table(EntityKind.DEVICE),
      state.table(EntityKind.IP),
      state.cells()
    };
    for (int i = 0; i < tables.length; i++) {
      m.put(names[i] + ".features", tables[i].featureBytes());
      m.put(names[i] + ".id_arena", tables[i].idArenaBytes());
      m.put(names[i] + ".id_table", tables[i].idTableBytes());
    }
    m.put("pairs", state.pairBytes());
    m.put("lists", state.lists().approxBytes());
    m.put("victims", state.victims().approxBytes());
    m.put("persons", state.persons().approxBytes());
    return m;
  }

  /**
   * Returns how many cells (radio cells named by calls) the engine tracks, beside the entity kinds.
   */
  public int cellsTracked() {
    return state.cells().size();
  }

  // ---------------------------------------------------------------- snapshots

  /**
   * Writes the whole state (features, risk, lists, victim episodes, counters) in a versioned binary
   * format. Warnings not yet drained are not part of it.
   */
  public void writeSnapshot(OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    d.writeInt(SNAPSHOT_MAGIC);
    d.writeInt(SNAPSHOT_VERSION);
    SnapshotEnums.write(d);
    d.writeLong(clock);
    d.writeLong(processed);
    for (long v : eventsByType) {
      d.writeLong(v);
    }
    for (long v : tally.decisionsByLevel()) {
      d.writeLong(v);
    }
    state.write(d);
    d.flush();
  }

  /**
   * Restores an engine from {@link #writeSnapshot} output; {@code config} supplies the rules and
   * thresholds (which may differ from those the snapshot was taken with: state is features, not
   * verdicts).
   *
   * @throws IOException when the stream is not an engine snapshot of a known version
   */
  public static Engine readSnapshot(InputStream in, EngineConfig config) throws IOException {
    DataInputStream d = new DataInputStream(new BufferedInputStream(in, 1 << 16));
    if (d.readInt() != SNAPSHOT_MAGIC) {
      throw new IOException("not a Fanzha engine snapshot");
    }
    int version = d.readInt();
    if (version < OLDEST_READABLE || version > SNAPSHOT_VERSION) {
      throw new IOException("unsupported engine snapshot version " + version);
    }
    java.util.Map<String, Integer> written =
        version >= 8 ? SnapshotEnums.check(d) : java.util.Map.of();
    long clock = d.readLong();
    long processed = d.readLong();
    // a counter per event type and per level the snapshot's engine had (a constant added since
    // reads as 0); before the header said so: the seven types before listings, then eight
    long[] ev = new long[EventType.values().length];
    int types =
        written.getOrDefault(
            "EventType", version >= 7 ? EventType.CLOSING.ordinal() : EventType.LISTING.ordinal());
    for (int i = 0; i < types; i++) {
      ev[i] = d.readLong();
    }
    long[] dec = new long[Level.values().length];
    int levels = written.getOrDefault("Level", dec.length);
    for (int i = 0; i < levels; i++) {
      dec[i] = d.readLong();
    }
    Engine e = new Engine(config, EngineState.read(d, version, clock));
    e.clock = clock;
    e.state.clock(clock);
    e.processed = processed;
    System.arraycopy(ev, 0, e.eventsByType, 0, ev.length);
    System.arraycopy(dec, 0, e.tally.decisionsByLevel(), 0, dec.length);
    return e;
  }
}

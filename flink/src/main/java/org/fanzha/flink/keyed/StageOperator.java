package org.fanzha.flink.keyed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.fanzha.core.codec.EventBinary;
import org.fanzha.core.event.Event;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.Warning;
import org.fanzha.engine.keyed.DecisionCombiner;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.file.RuleFileException;
import org.fanzha.engine.scoring.Facts;
import org.fanzha.engine.scoring.KeyState;
import org.fanzha.engine.scoring.Part;
import org.fanzha.engine.scoring.Request;
import org.fanzha.engine.scoring.Stage;
import org.fanzha.flink.JobSettings;
import org.fanzha.flink.io.Output;
import org.fanzha.flink.score.OutputWriter;

/**
 * One stage of the keyed engine (decision 0023), keyed by entity: runs the parts and requests that
 * reach its keys on the engine of their key group ({@link KeyGroupShares}), and sends on what each
 * part found ({@link Hop#DONE}, to the event's assembler) and the requests it made ({@link
 * Hop#REQUEST}, to the stage and key each names; one per key group for a request every task must
 * see). Warnings go to {@link #OUTPUTS}. Each entity's state is one value of managed keyed state
 * under its key ({@link EntityCache}, decisions 0038-0042); what an engine holds beside its keys,
 * its clock and the rules it adopted are kept under a key of its group.
 */
public final class StageOperator extends AbstractStreamOperator<Hop>
    implements OneInputStreamOperator<Hop, Hop>, BoundedOneInput {
  private static final long serialVersionUID = 1L;
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(StageOperator.class);

  /**
   * The warnings the stage's engines raise, as the replay and the warnings topic write them, the
   * answers to published rule files (from key group 0's engine: one per stage), and the answers to
   * questions.
   */
  public static final OutputTag<Output> OUTPUTS = new OutputTag<>("outputs") {};

  /**
   * The risks of the stage's entities as they are written back changed, and all there are when the
   * input ends, as {@link Hop#RISK}s keyed by entity (without payload: the entity holds none any
   * more): a phone's as a number and as a person come apart, for {@link RiskMerger}.
   */
  public static final OutputTag<Hop> RISKS = new OutputTag<>("risks") {};

  /**
   * The most entities a task's engines hold at once (decision 0038); the rest wait in the state
   * backend. About 200 bytes of heap each.
   */
  public static final int ENTITIES_HELD = 500_000;

  /** A part's decision that cannot change its event's ({@link DecisionCombiner#matters}). */
  private static final byte[] NO_BYTES = new byte[0];

  private final Stage stage;
  private final JobSettings settings;
  private final int entitiesHeld;

  /**
   * The local replay whose in-JVM channel carries requests back ({@link LocalFeedback}); null: they
   * go out.
   */
  private final @org.jspecify.annotations.Nullable String run;

  private transient int maxParallelism;
  private transient KeyGroupShares shares;
  private transient Facts facts;
  private transient List<Request> asked;
  private transient StreamRecord<Hop> hop;

  /**
   * The rule file each key group's engine adopted while running (none: the job's), under the
   * group's key.
   */
  private transient ValueState<String> adopted;

  /** The stage's entities, each kept as its own value of keyed state. */
  private transient EntityCache entities;

  /** Each key group's engine clock and last idle sweep, under the group's key. */
  private transient ValueState<long[]> clocks;

  /**
   * What each key group's engine holds beside its keys ({@link Engine#exportGroup}: people's copies
   * of numbers, sites, quiet episodes by caller), under the group's key.
   */
  private transient ValueState<byte[]> besideKeys;

  /** The event the last part was of, and its bytes. */
  private transient @org.jspecify.annotations.Nullable Event lastEvent;

  private transient byte[] lastEventBytes;

  /** Whether engines were restored whole, to be written per entity and their old state cleared. */
  private transient boolean restoredWhole;

  /** Where the stage sends its entities' risks. */
  private transient EntityCache.Risks risks;

  /**
   * The day of event time of the latest idle sweep after which the keys only in the state were
   * swept too (0: none yet).
   */
  private transient long sweptDay;

  public StageOperator(Stage stage, JobSettings settings) {
    this(stage, settings, null, ENTITIES_HELD);
  }

  /**
   * A stage of a local replay ({@code run}; null: a job whose requests go out) whose engines hold
   * at most {@code entitiesHeld} entities when its state is kept per entity.
   */
  public StageOperator(
      Stage stage,
      JobSettings settings,
      @org.jspecify.annotations.Nullable String run,
      int entitiesHeld) {
    this.stage = stage;
    this.settings = settings;
    this.run = run;
    this.entitiesHeld = entitiesHeld;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    var task = getRuntimeContext().getTaskInfo();
    maxParallelism = task.getMaxNumberOfParallelSubtasks(); // the key groups Flink routes keys by
    asked = new ArrayList<>();
    facts = new Facts();
    hop = new StreamRecord<>(new Hop());
    lastEventBytes = new byte[0];
    EngineConfig config = settings.engineConfig();
    adopted =
        context
            .getKeyedStateStore()
            .getState(new ValueStateDescriptor<>("adopted-rules", Types.STRING));
    shares = new KeyGroupShares(maxParallelism, () -> share(new Engine(config)));
    // each engine with the rules its group adopted (restore makes the group's key current before
    // reading it)
    int restored =
        shares.restore(
            this,
            context,
            in ->
                share(
                    Engine.readSnapshot(
                        in,
                        adopted.value() == null
                            ? config
                            : settings.engineConfig(adopted.value()))));
    // every key group's engine exists from the start: a site listed now must reach the people of
    // every group
    KeyGroupRange range =
        KeyGroupRangeAssignment.computeKeyGroupRangeForOperatorIndex(
            maxParallelism, task.getNumberOfParallelSubtasks(), task.getIndexOfThisSubtask());
    risks = risks();
    clocks =
        context
            .getKeyedStateStore()
            .getState(
                new ValueStateDescriptor<>(
                    "engine-clocks", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    besideKeys =
        context
            .getKeyedStateStore()
            .getState(
                new ValueStateDescriptor<>(
                    "engine-beside-keys", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    EntityCache cache = new EntityCache(stage, entitiesHeld, shares::of);
    cache.bind(context.getKeyedStateStore());
    entities = cache;
    // how full the cache is, beside the task's other metrics (entitiesHeld against the bound)
    getMetricGroup().gauge("entitiesHeld", (org.apache.flink.metrics.Gauge<Integer>) cache::held);
    // a checkpoint from before state per entity: its engines' entities are written anew
    restoredWhole = restored > 0;
    shares.forEach(
        (group, engine) ->
            cache.adoptAll(
                engine,
                key -> KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism) == group));
    for (int g = range.getStartKeyGroup(); g <= range.getEndKeyGroup(); g++) {
      shares.ensure(g);
    }
    // engines made afresh (no whole engine was kept): the rules, clock and what each group kept
    // beside its keys
    shares.withGroupKeys(
        this,
        (group, engine) -> {
          long[] c = clocks.value();
          if (c != null) {
            engine.resumeClock(c[0], c[1]);
            sweptDay = Math.max(sweptDay, c.length > 2 ? c[2] : 0);
          }
          byte[] beside = besideKeys.value();
          if (beside != null) {
            try {
              engine.restoreGroup(beside);
            } catch (java.io.IOException unreadable) {
              // never a restart loop: the group starts again without it (copies of numbers come
              // back as their risks change, sites as they are reported or listed again)
              LOG.warn(
                  "key group {}: what it kept beside its keys cannot be read", group, unreadable);
            }
          }
          String rules = adopted.value();
          if (rules != null) { // a whole engine restored has them already: adopted again
            try {
              engine.useRules(RuleBook.parse(rules));
            } catch (RuleFileException | RuntimeException refused) {
              // never a restart loop: scored with the job's rules until a file is published again
              LOG.warn("key group {}: the rule file it adopted is refused now", group, refused);
            }
          }
        });
  }

  private Engine share(Engine e) {
    e.keyedShare(stage, asked::add);
    return e;
  }

  @Override
  public void processElement(StreamRecord<Hop> element) throws Exception {
    Hop in = element.getValue();
    Engine engine = shares.of(in.key);
    EntityCache cache = entities;
    // a part or request every task runs comes keyed by its key group: it is about no one key
    boolean ofGroup = KeyGroupShares.isGroupKey(in.key);
    Request request = in.kind == Hop.REQUEST ? HopCodec.request(in.payload) : null;
    if ((in.kind == Hop.PART || request != null) && !ofGroup) {
      cache.take(in.key);
    } else if (in.kind == Hop.QUERY) {
      cache.hold(in.key); // a number's subscriber score reads it, and changes nothing
    } else if (request != null) {
      takeAll(engine.keysFor(request), in.key); // the people whose quiet episodes it warns
    }
    run(in, request, engine);
    if (in.kind == Hop.PART || in.kind == Hop.REQUEST || in.kind == Hop.QUERY) {
      cache.trim(this, risks);
      long day = Math.floorDiv(engine.lastSweep(), org.fanzha.core.time.Millis.DAY);
      // the first sweep of a day of event time in this task, where a stored key may go idle
      if (day > sweptDay && KeyState.mayGoIdle(stage)) {
        sweptDay = day;
        cache.sweepStored(this, risks);
      }
    }
  }

  /**
   * Takes {@code keys} from their state as the current key, then makes {@code current} it again.
   */
  private void takeAll(List<String> keys, String current) throws java.io.IOException {
    try {
      for (String key : keys) {
        setCurrentKey(key);
        entities.take(key);
      }
    } finally {
      setCurrentKey(current);
    }
  }

  private void run(Hop in, @org.jspecify.annotations.Nullable Request request, Engine engine)
      throws Exception {
    switch (in.kind) {
      case Hop.PART -> {
        Event event = event(in.event);
        Decision d =
            engine.visit(Part.values()[in.part], in.index, event, HopCodec.facts(in.facts, facts));
        Hop done = Hop.of(Hop.DONE, event.id(), event.id());
        done.stage = stage.ordinal();
        done.part = in.part;
        done.index = in.index;
        done.facts = HopCodec.facts(facts);
        done.payload = DecisionCombiner.matters(d) ? HopCodec.decision(d) : NO_BYTES;
        // the part's requests are counted in flight before its DONE can let the event be decided:
        // a replay whose last event was decided first could end without them
        send(engine, in);
        output.collect(hop.replace(done));
      }
      case Hop.RULES -> adopt(engine, in);
      case Hop.QUERY ->
          // a number's subscriber score, from the features its share keeps as of the latest event
          // it read
          output.collect(
              OUTPUTS,
              new StreamRecord<>(
                  OutputWriter.subscriber(
                      java.util.Objects.requireNonNull(in.replyTo),
                      in.eventId,
                      engine.subscriber(in.eventId).orElse(null))));
      case Hop.REQUEST -> {
        engine.receive(java.util.Objects.requireNonNull(request));
        send(engine, in);
        if (run != null) {
          LocalFeedback.of(run)
              .requestDone(in.at); // after the requests it made are in flight: the run goes on
        }
      }
      default -> throw new IllegalStateException("a stage got a hop of kind " + in.kind);
    }
  }

  /**
   * The event of a part: read once for the parts of one event that reach this task one after
   * another (a call's caller and callee).
   */
  private Event event(byte[] bytes) {
    if (lastEvent == null || !Arrays.equals(bytes, lastEventBytes)) {
      lastEvent = EventBinary.decode(bytes);
      lastEventBytes = bytes;
    }
    return lastEvent;
  }

  /** Scores with a published rule file from now on; one that does not compile changes nothing. */
  private void adopt(Engine engine, Hop rules) throws java.io.IOException {
    String yaml = new String(rules.payload, java.nio.charset.StandardCharsets.UTF_8);
    boolean answers = KeyGroupRangeAssignment.assignToKeyGroup(rules.key, maxParallelism) == 0;
    try {
      RuleBook book = RuleBook.parse(yaml);
      engine.useRules(book);
      adopted.update(yaml);
      if (answers) {
        output.collect(
            OUTPUTS, new StreamRecord<>(OutputWriter.rulesAdopted(rules.eventId, book.version())));
      }
    } catch (RuleFileException
        | RuntimeException e) { // never a poison pill: the record is read again after a restore
      if (answers) {
        output.collect(
            OUTPUTS,
            new StreamRecord<>(
                OutputWriter.rulesRefused(rules.eventId, String.valueOf(e.getMessage()))));
      }
    }
  }

  /**
   * Sends on the warnings and requests of the part or request {@code cause} (requests carry its seq
   * and time).
   */
  private void send(Engine engine, Hop cause) {
    for (Warning w : engine.drainWarnings()) {
      output.collect(OUTPUTS, new StreamRecord<>(OutputWriter.warning(w)));
    }
    for (Request q : asked) {
      for (String key : keysOf(q)) {
        Hop r = Hop.of(Hop.REQUEST, key, q.eventId());
        r.stage = q.stage().ordinal();
        r.payload = HopCodec.request(q);
        r.seq = cause.seq;
        r.at = cause.at;
        if (run != null) {
          LocalFeedback.of(run).send(r, r.at);
        } else {
          output.collect(hop.replace(r));
        }
      }
    }
    asked.clear();
  }

  /**
   * The keys a request goes to: its target's, or one per key group when every task of its stage
   * must see it.
   */
  private List<String> keysOf(Request q) {
    if (!Part.EVERY.equals(q.key())) {
      return List.of(q.key());
    }
    List<String> keys = new ArrayList<>(maxParallelism);
    for (int g = 0; g < maxParallelism; g++) {
      keys.add(KeyGroupShares.keyOf(g, maxParallelism));
    }
    return keys;
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    entities.save(this, risks);
    shares.forEach((group, engine) -> engine.letGoUnnamed(stage));
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    shares.withGroupKeys(
        this,
        (group, engine) -> {
          long[] c = engine.clockAndSweep();
          clocks.update(new long[] {c[0], c[1], sweptDay});
          byte[] beside = engine.exportGroup();
          if (beside != null) {
            besideKeys.update(beside);
          }
        });
    if (restoredWhole) {
      shares.clearSaved(this);
      restoredWhole = false;
    }
  }

  @Override
  public void endInput() throws Exception {
    entities.sendAll(this, risks);
  }

  /** Sends the risks of the stage's entities as they change. */
  private EntityCache.Risks risks() {
    return new EntityCache.Risks() {
      @Override
      public void changed(String key, EntityRisk r) {
        output.collect(RISKS, new StreamRecord<>(risk(key, HopCodec.risk(r))));
      }

      @Override
      public void gone(String key) {
        output.collect(RISKS, new StreamRecord<>(risk(key, new byte[0])));
      }
    };
  }

  private Hop risk(String key, byte[] payload) {
    Hop h = Hop.of(Hop.RISK, key, "");
    h.stage = stage.ordinal();
    h.payload = payload;
    return h;
  }

  /** Hands every risk this task's engines hold to {@code sink}. */
  void forEachRisk(java.util.function.Consumer<org.fanzha.engine.EntityRisk> sink) {
    shares.forEach(e -> e.forEachRisk(sink));
  }

  /** Returns the risk this task holds for an entity of its key groups (none when it holds none). */
  java.util.Optional<org.fanzha.engine.EntityRisk> held(
      org.fanzha.core.event.EntityKind kind, String id) {
    return shares.of(kind.wireName() + ":" + id).entity(kind, id);
  }

  /** Returns the stage this operator runs. */
  public Stage stage() {
    return stage;
  }
}

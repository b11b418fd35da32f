package org.fanzha.flink.keyed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.fanzha.core.codec.EventBinary;
import org.fanzha.core.event.Event;
import org.fanzha.engine.Action;
import org.fanzha.engine.Decision;
import org.fanzha.engine.keyed.DecisionCombiner;
import org.fanzha.engine.scoring.Facts;
import org.fanzha.engine.scoring.Part;
import org.fanzha.engine.scoring.Stage;
import org.jspecify.annotations.Nullable;

/**
 * Between two stages of the keyed engine, keyed by event id (decision 0023): waits for the rest of
 * the event ({@link Hop#CARRIER}) and for what each part of the stage before found ({@link
 * Hop#DONE}), merges their facts and decisions in the order the parts run, then sends this stage's
 * parts to their keys (one per key group for a part every task must see) and the rest of the event
 * on. The last one (no stage) sends the event's decision.
 */
public final class Assembler extends KeyedProcessFunction<String, Hop, Hop> {
  private static final long serialVersionUID = 1L;
  private static final Comparator<Hop> PART_ORDER =
      Comparator.<Hop>comparingInt(h -> h.part).thenComparingInt(h -> h.index);

  private final @Nullable Stage stage;
  private final int stageMaxParallelism;
  private final @Nullable String run;

  private transient ValueState<Hop> rest;
  private transient ListState<Hop> found;
  private transient Facts facts;
  private transient Facts part;
  private transient DecisionCombiner decision;
  private transient Part.Visits visits;

  /**
   * @param stage the stage whose parts this sends ({@code null}: the last, which decides)
   * @param stageMaxParallelism that stage's operator's number of key groups (where a part for every
   *     task goes)
   */
  public Assembler(@Nullable Stage stage, int stageMaxParallelism) {
    this(stage, stageMaxParallelism, null);
  }

  /** An assembler of a local replay: the last one tells the run's channel each event is decided. */
  public Assembler(@Nullable Stage stage, int stageMaxParallelism, @Nullable String run) {
    this.stage = stage;
    this.stageMaxParallelism = stageMaxParallelism;
    this.run = run;
  }

  @Override
  public void open(OpenContext context) {
    rest = getRuntimeContext().getState(new ValueStateDescriptor<>("rest", Hop.class));
    found = getRuntimeContext().getListState(new ListStateDescriptor<>("found", Hop.class));
    facts = new Facts();
    part = new Facts();
    decision = new DecisionCombiner();
    visits = new Part.Visits();
  }

  @Override
  public void processElement(Hop hop, Context ctx, Collector<Hop> out) throws Exception {
    if (hop.kind == Hop.CARRIER && hop.index == 0) {
      // the stage before sent this event no part, so nothing is waited for: no state is touched
      if (stage != null && !Part.anyAt(EventBinary.typeOf(hop.event), stage)) {
        // nor has this stage a part of it (a call has none for holders): on as it came
        out.collect(hop);
      } else {
        assemble(hop, List.of(), out);
      }
      return;
    }
    if (hop.kind == Hop.CARRIER) {
      rest.update(hop);
    } else {
      found.add(hop);
    }
    Hop carrier = rest.value();
    if (carrier == null) {
      return;
    }
    List<Hop> done = new ArrayList<>();
    found.get().forEach(done::add);
    if (done.size() < carrier.index) {
      return;
    }
    rest.clear();
    found.clear();
    done.sort(PART_ORDER);
    assemble(carrier, done, out);
  }

  /**
   * Merges what the parts of the stage before found ({@code done}, in the order they ran) into the
   * event and sends it on.
   */
  private void assemble(Hop carrier, List<Hop> done, Collector<Hop> out) {
    Event event = EventBinary.decode(carrier.event);
    HopCodec.facts(carrier.facts, facts);
    decision.resume(
        event,
        carrier.payload.length == 0 ? null : HopCodec.decisionHead(carrier.payload),
        Action.valueOf(carrier.action));
    // the riskiest decision so far as it came, sent on as it is: its reasons are read by the last
    // assembler alone (the others compare scores)
    byte[] best = carrier.payload;
    for (Hop d : done) {
      facts.merge(HopCodec.facts(d.facts, part));
      if (d.payload.length > 0) { // none: the part's decision could change nothing
        Decision offered = HopCodec.decisionHead(d.payload);
        decision.offer(offered);
        if (decision.best() == offered) {
          best = d.payload;
        }
      }
    }
    if (stage == null) {
      Hop decided = Hop.of(Hop.DECISION, carrier.eventId, carrier.eventId);
      decided.seq = carrier.seq;
      decided.replyTo = carrier.replyTo;
      Decision d = decision.result();
      if (decision.best() != null) { // its reasons, read only now
        d = d.withReasons(HopCodec.decision(best).reasons());
      }
      decided.payload = HopCodec.decision(d);
      out.collect(decided);
      if (run != null) {
        LocalFeedback.of(run).eventOut(carrier.at);
      }
      return;
    }
    // nothing found since: the facts as they came
    byte[] factBytes = done.isEmpty() ? carrier.facts : HopCodec.facts(facts);
    int sent = 0;
    visits.fill(event);
    for (int i = 0; i < visits.size(); i++) {
      Part p = visits.part(i);
      if (p.stage() != stage) {
        continue;
      }
      String key = p.key(event, visits.index(i), facts);
      if (key == null) {
        continue;
      }
      List<String> keys = Part.EVERY.equals(key) ? everyGroup() : List.of(key);
      for (String k : keys) {
        Hop h = Hop.of(Hop.PART, k, carrier.eventId);
        h.stage = stage.ordinal();
        h.part = p.ordinal();
        h.index = visits.index(i);
        h.event = carrier.event;
        h.facts = factBytes;
        h.seq = carrier.seq;
        h.at = carrier.at;
        out.collect(h);
        sent++;
      }
    }
    Hop next = Hop.of(Hop.CARRIER, carrier.eventId, carrier.eventId);
    next.seq = carrier.seq;
    next.at = carrier.at;
    next.replyTo = carrier.replyTo;
    next.event = carrier.event;
    next.facts = factBytes;
    next.index = sent;
    next.payload = best;
    next.action = decision.action().name();
    out.collect(next);
  }

  private List<String> everyGroup() {
    List<String> keys = new ArrayList<>(stageMaxParallelism);
    for (int g = 0; g < stageMaxParallelism; g++) {
      keys.add(KeyGroupShares.keyOf(g, stageMaxParallelism));
    }
    return keys;
  }
}

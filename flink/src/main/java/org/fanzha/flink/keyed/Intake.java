package org.fanzha.flink.keyed;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.fanzha.flink.JobSettings;
import org.fanzha.flink.io.CheckedLine;
import org.fanzha.flink.io.Output;
import org.fanzha.flink.score.OutputWriter;

/**
 * The head of the streaming keyed job, keyed by event id: skips an event whose id came within the
 * dedupe window (its caller, if one waits, is told {@code duplicate}) and turns the others into the
 * rest of them for the first assembler ({@link Hop#CARRIER}). An id is remembered in keyed state
 * with a time-to-live of the window, in processing time (Flink's state TTL has no other), so the
 * state holds the ids of one window of traffic.
 */
final class Intake extends KeyedProcessFunction<String, CheckedLine, Hop> {
  private static final long serialVersionUID = 1L;

  /** Answers to callers whose event was a repeat. */
  static final OutputTag<Output> REPLIES = new OutputTag<>("intake-replies") {};

  private final long windowMs;

  private transient ValueState<Boolean> seen;
  private transient Counter duplicates;

  Intake(JobSettings settings) {
    this.windowMs = settings.dedupeWindowMs();
  }

  @Override
  public void open(OpenContext context) {
    ValueStateDescriptor<Boolean> d = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
    if (windowMs != Long.MAX_VALUE) {
      d.enableTimeToLive(
          StateTtlConfig.newBuilder(Duration.ofMillis(windowMs))
              .setUpdateType(
                  StateTtlConfig.UpdateType.OnCreateAndWrite) // a repeat does not renew the id
              .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
              .build());
    }
    seen = getRuntimeContext().getState(d);
    duplicates = getRuntimeContext().getMetricGroup().counter("fanzhaDuplicates");
  }

  @Override
  public void processElement(CheckedLine line, Context ctx, Collector<Hop> out) throws Exception {
    if (seen.value() != null) {
      duplicates.inc();
      if (line.replyTo != null) {
        ctx.output(REPLIES, OutputWriter.notDecided(line.replyTo, "duplicate"));
      }
      return;
    }
    seen.update(Boolean.TRUE);
    Hop carrier = Hop.of(Hop.CARRIER, ctx.getCurrentKey(), ctx.getCurrentKey());
    carrier.event = line.bytes;
    carrier.replyTo = line.replyTo;
    out.collect(carrier);
  }
}

package org.fanzha.flink.keyed;

import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.fanzha.core.codec.EventBinary;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.EventType;
import org.fanzha.flink.JobSettings;
import org.fanzha.flink.io.CheckedLine;
import org.fanzha.flink.io.Output;
import org.fanzha.flink.score.OutputWriter;
import org.fanzha.flink.score.SeenIds;

/**
 * The head of the keyed replay, in file order on one task: skips an event id seen before (as the
 * embedded replay does), numbers the accepted events, and turns each into the rest of it for the
 * first assembler ({@link Hop#CARRIER}). Refusals and, when the input ends, the run's counts go to
 * {@link #OUTPUTS}; the decisions, warnings and entities of the counts are the writer's, which sees
 * them.
 */
final class ReplayIntake extends AbstractStreamOperator<Hop>
    implements OneInputStreamOperator<CheckedLine, Hop>, BoundedOneInput {
  private static final long serialVersionUID = 1L;

  /** Refusals and the summary. */
  static final OutputTag<Output> OUTPUTS = new OutputTag<>("replay-intake-outputs") {};

  private final JobSettings settings;
  private final String run;
  private final long aheadMs;

  private transient SeenIds seen;

  /**
   * read, accepted, rejected, duplicates, decisions, warnings (the last two are not known here).
   */
  private transient long[] counts;

  private transient Map<EventType, Long> byType;

  /** The latest event time read. */
  private transient long clock;

  /**
   * @param aheadMs how far ahead of the oldest event or request in flight an event may enter, in
   *     event time
   */
  ReplayIntake(JobSettings settings, String run, long aheadMs) {
    this.settings = settings;
    this.run = run;
    this.aheadMs = aheadMs;
  }

  @Override
  public void open() throws Exception {
    super.open();
    seen = new SeenIds(settings.dedupeWindowMs(), System::currentTimeMillis);
    counts = new long[6];
    byType = new EnumMap<>(EventType.class);
  }

  @Override
  public void processElement(StreamRecord<CheckedLine> element) throws InterruptedException {
    CheckedLine line = element.getValue();
    switch (line.kind) {
      case RULE_FILE -> {} // a replay scores with the rules it was given
      case REJECTED -> {
        counts[0]++;
        counts[2]++;
        output.collect(
            OUTPUTS, new StreamRecord<>(OutputWriter.rejection(line.partition, line.rejection())));
      }
      case EVENT -> {
        counts[0]++;
        Event event = EventBinary.decode(line.bytes);
        if (!seen.firstTime(event.id(), event.ts())) {
          counts[3]++;
          return;
        }
        Hop carrier = Hop.of(Hop.CARRIER, event.id(), event.id());
        carrier.seq = counts[1]++;
        carrier.event = line.bytes;
        clock = Math.max(clock, event.ts());
        carrier.at = clock;
        byType.merge(event.type(), 1L, Long::sum);
        LocalFeedback.of(run).eventIn(clock, aheadMs);
        output.collect(new StreamRecord<>(carrier));
      }
    }
  }

  @Override
  public void endInput() {
    output.collect(
        OUTPUTS,
        new StreamRecord<>(OutputWriter.summary(counts, t -> byType.getOrDefault(t, 0L), 0)));
    LocalFeedback.of(run).inputEnded();
  }
}

package org.fanzha.flink.keyed;

import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.fanzha.core.event.Event;
import org.fanzha.engine.scoring.Stage;
import org.fanzha.flink.DetectionJob;
import org.fanzha.flink.JobSettings;
import org.fanzha.flink.io.CheckedLine;
import org.fanzha.flink.io.Output;
import org.fanzha.flink.score.OutputWriter;

/**
 * The keyed engine as a Flink job (decision 0023), for a local replay: the events file, validated beside its source;
 * the stages unrolled (an assembler by event id before each, a stage operator keyed by entity); requests back
 * through the run's in-JVM channel ({@link LocalFeedback}, {@link FeedbackSource}); decisions, warnings and each
 * stage's entity risks out, for the caller to write (a phone's two risks merged there).
 */
public final class KeyedJob {
  /** Key groups of every keyed operator: where a part or request for every task of a stage goes once each. */
  public static final int MAX_PARALLELISM = 32;
  /** How far ahead of the oldest event or request in flight the replay lets an event in, in event time. */
  static final long AHEAD_MS = 60_000;

  private KeyedJob() {}

  /** Builds the replay of {@code events}; {@code run} names its feedback channel (unique per run in the JVM). */
  public static DataStream<Output> localReplay(StreamExecutionEnvironment env, Path events, JobSettings settings,
      String run) {
    DetectionJob.configure(env);
    env.setBufferTimeout(1); // the input waits on what is in flight: records must not sit in a buffer meanwhile
    DataStream<CheckedLine> lines = DetectionJob.validate(DetectionJob.fileLines(env, events), settings,
        DetectionJob.VALIDATE_UID);
    DataStream<Hop> carriers = lines.transform("plan", TypeInformation.of(Hop.class), new Plan(run))
        .setParallelism(1).uid("fanzha-keyed-plan");
    DataStream<Hop> feedback = env.fromSource(new FeedbackSource(run), WatermarkStrategy.noWatermarks(), "requests")
        .setParallelism(1).uid("fanzha-keyed-requests");
    DataStream<Hop> toAssembler = carriers;
    DataStream<Output> out = null;
    for (Stage s : Stage.values()) {
      SingleOutputStreamOperator<Hop> assembled = toAssembler.keyBy(h -> h.key)
          .process(new Assembler(s, MAX_PARALLELISM, run)).setMaxParallelism(MAX_PARALLELISM)
          .name("assemble " + s).uid("fanzha-keyed-assemble-" + s);
      int stage = s.ordinal();
      DataStream<Hop> parts = assembled.filter(h -> h.kind == Hop.PART).name("parts " + s);
      DataStream<Hop> requests = feedback.filter(h -> h.stage == stage).name("requests " + s);
      SingleOutputStreamOperator<Hop> done = parts.union(requests).keyBy(h -> h.key)
          .transform("stage " + s, TypeInformation.of(Hop.class), new StageOperator(s, settings, run))
          .setMaxParallelism(MAX_PARALLELISM).uid("fanzha-keyed-stage-" + s);
      DataStream<Output> side = done.getSideOutput(StageOperator.WARNINGS)
          .union(done.getSideOutput(StageOperator.ENTITIES));
      out = out == null ? side : out.union(side);
      toAssembler = assembled.filter(h -> h.kind == Hop.CARRIER).union(done.filter(h -> h.kind == Hop.DONE));
    }
    DataStream<Output> decisions = toAssembler.keyBy(h -> h.key)
        .process(new Assembler(null, MAX_PARALLELISM, run)).setMaxParallelism(MAX_PARALLELISM)
        .name("decide").uid("fanzha-keyed-decide")
        .map(h -> OutputWriter.decision(HopCodec.decision(h.payload))).name("decisions");
    return decisions.union(out);
  }

  /** Turns each accepted event into the rest of it for the first assembler, and tells the run when input ends. */
  static final class Plan extends AbstractStreamOperator<Hop>
      implements OneInputStreamOperator<CheckedLine, Hop>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    private final String run;

    Plan(String run) {
      this.run = run;
    }

    @Override
    public void processElement(StreamRecord<CheckedLine> element) throws InterruptedException {
      CheckedLine line = element.getValue();
      if (line.kind != CheckedLine.Kind.EVENT) {
        return; // refusals and rule files: the stage-1 job handles them; the keyed replay scores events
      }
      Event event = org.fanzha.core.codec.EventBinary.decode(line.bytes);
      Hop carrier = Hop.of(Hop.CARRIER, event.id(), event.id());
      carrier.event = line.bytes;
      LocalFeedback.of(run).eventIn(event.ts(), AHEAD_MS);
      output.collect(new StreamRecord<>(carrier));
    }

    @Override
    public void endInput() {
      LocalFeedback.of(run).inputEnded();
    }
  }
}

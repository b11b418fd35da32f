package org.fanzha.flink.keyed;

import java.nio.file.Path;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.fanzha.engine.Decision;
import org.fanzha.engine.scoring.Stage;
import org.fanzha.flink.DetectionJob;
import org.fanzha.flink.JobSettings;
import org.fanzha.flink.io.CheckedLine;
import org.fanzha.flink.io.Output;
import org.fanzha.flink.io.OutputKind;
import org.fanzha.flink.score.OutputWriter;

/**
 * The keyed engine as a Flink job (decision 0023), for a local replay: the events file, validated beside its source;
 * the stages unrolled (an assembler by event id before each, a stage operator keyed by entity); requests back
 * through the run's in-JVM channel ({@link LocalFeedback}, {@link FeedbackSource}); out: decisions numbered by the
 * event's place in the input, warnings, refusals, the run's counts, and entity risks once the input ends (a phone's
 * as a number and as a person merged by {@link RiskMerger}).
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
    // the input waits on what is in flight, so a record must not sit in a buffer meanwhile: each is sent at once (on
    // a city with years of card openings before its days, 0 ms against 1 ms: 42 s against 89 s, a third of the sys
    // time; 10 ms: 515 s)
    env.setBufferTimeout(0);
    DataStream<CheckedLine> lines = DetectionJob.validate(DetectionJob.fileLines(env, events), settings,
        DetectionJob.VALIDATE_UID);
    SingleOutputStreamOperator<Hop> carriers = lines.transform("plan", TypeInformation.of(Hop.class),
        new Plan(settings, run, AHEAD_MS)).setParallelism(1).uid("fanzha-keyed-plan");
    DataStream<Hop> feedback = env.fromSource(new FeedbackSource(run), WatermarkStrategy.noWatermarks(), "requests")
        .setParallelism(1).uid("fanzha-keyed-requests");
    DataStream<Hop> toAssembler = carriers;
    DataStream<Output> out = carriers.getSideOutput(Plan.OUTPUTS);
    DataStream<Hop> risks = null;
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
      out = out.union(done.getSideOutput(StageOperator.WARNINGS));
      risks = risks == null ? done.getSideOutput(StageOperator.RISKS)
          : risks.union(done.getSideOutput(StageOperator.RISKS));
      toAssembler = assembled.filter(h -> h.kind == Hop.CARRIER).union(done.filter(h -> h.kind == Hop.DONE));
    }
    DataStream<Output> decisions = toAssembler.keyBy(h -> h.key)
        .process(new Assembler(null, MAX_PARALLELISM, run)).setMaxParallelism(MAX_PARALLELISM)
        .name("decide").uid("fanzha-keyed-decide")
        .map(KeyedJob::decision).name("decisions");
    DataStream<Output> entities = risks.keyBy(h -> h.key).process(new RiskMerger())
        .setMaxParallelism(MAX_PARALLELISM).name("merge risks").uid("fanzha-keyed-risks");
    return decisions.union(out, entities);
  }

  /** The event's decision as the replay writes it, in its place; without a body when it was scored at zero. */
  private static Output decision(Hop decided) {
    Decision d = HopCodec.decision(decided.payload);
    Output o = d.isNone() ? new Output(OutputKind.DECISION, decided.key, null) : OutputWriter.decision(d);
    o.seq = decided.seq;
    return o;
  }
}

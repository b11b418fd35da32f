package org.fanzha.flink.keyed;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.fanzha.core.event.EntityKind;
import org.fanzha.engine.Decision;
import org.fanzha.engine.scoring.Stage;
import org.fanzha.flink.DetectionJob;
import org.fanzha.flink.JobSettings;
import org.fanzha.flink.io.CheckedLine;
import org.fanzha.flink.io.KafkaLines;
import org.fanzha.flink.io.Output;
import org.fanzha.flink.io.OutputKind;
import org.fanzha.flink.score.OutputWriter;
import org.jspecify.annotations.Nullable;

/**
 * The keyed engine as a Flink job (decision 0023): events validated beside their source; the stages
 * unrolled (an assembler by event id before each, a stage operator keyed by entity); decisions,
 * warnings, refusals and entity risks out (a phone's as a number and as a person merged by {@link
 * RiskMerger}). Requests go back to the stages through the run's in-JVM channel in a local replay
 * ({@link LocalFeedback}, {@link FeedbackSource}), through a feedback topic in the streaming job.
 */
public final class KeyedJob {
  /**
   * Key groups of every keyed operator: where a part or request for every task of a stage goes once
   * each.
   */
  public static final int MAX_PARALLELISM = 32;

  /**
   * The system property that sets the most entities a task holds in the heap for each stage whose
   * state is kept per entity (decision 0038), read where the job is built; {@link
   * StageOperator#ENTITIES_HELD} when unset.
   */
  public static final String ENTITIES_HELD = "fanzha.keyed.entities-held";

  /**
   * How far ahead of the oldest event or request in flight the replay lets an event in, in input
   * time.
   */
  static final long AHEAD_MS = 60_000;

  /** The feedback topic is the output topics' prefix and this. */
  public static final String FEEDBACK_TOPIC = "keyed-requests";

  private KeyedJob() {}

  /**
   * Builds the replay of {@code events}, whose outputs are decisions numbered by the event's place
   * in the input, warnings, refusals, the run's counts, and entity risks once the input ends;
   * {@code run} names its feedback channel (unique per run in the JVM).
   */
  public static DataStream<Output> localReplay(
      StreamExecutionEnvironment env, Path events, JobSettings settings, String run) {
    DetectionJob.configure(env);
    // the input waits on what is in flight, so a record must not sit in a buffer meanwhile: each is
    // sent at once (on
    // a city with years of card openings before its days, 0 ms against 1 ms: 42 s against 89 s, a
    // third of the sys
    // time; 10 ms: 515 s)
    env.setBufferTimeout(0);
    DataStream<CheckedLine> lines =
        DetectionJob.validate(
            DetectionJob.fileLines(env, events),
            withoutContentVerdicts(settings),
            DetectionJob.VALIDATE_UID);
    SingleOutputStreamOperator<Hop> carriers =
        lines
            .transform(
                "intake", TypeInformation.of(Hop.class), new ReplayIntake(settings, run, AHEAD_MS))
            .setParallelism(1)
            .uid("fanzha-keyed-plan");
    DataStream<Hop> feedback =
        env.fromSource(new FeedbackSource(run), WatermarkStrategy.noWatermarks(), "requests")
            .setParallelism(1)
            .uid("fanzha-keyed-requests");
    return stages(carriers, feedback, settings, run)
        .outputs
        .union(carriers.getSideOutput(ReplayIntake.OUTPUTS));
  }

  /**
   * Builds the streaming job: events from the input topic, deduplicated by id, scored by the keyed
   * stages with requests through the feedback topic ({@code <prefix>keyed-requests}, exactly-once:
   * written in the checkpoint's Kafka transaction, read committed, so a request reaches its key
   * about one checkpoint interval after its event); outputs to the topics of {@link
   * DetectionJob#toKafka}. A rule file published to the rules topic reaches every key group's
   * engine of every stage, which scores with it from then on (stages may adopt it a few events
   * apart). A question about a number goes to the {@code ACTOR} engine that keeps its features.
   */
  public static void kafkaToKafka(
      StreamExecutionEnvironment env, DetectionJob.KafkaTopics kafka, JobSettings settings) {
    DetectionJob.configure(env);
    DataStream<CheckedLine> lines =
        DetectionJob.validate(
            DetectionJob.kafkaLines(
                env,
                kafka.bootstrapServers(),
                kafka.inputTopic(),
                kafka.groupId(),
                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST),
                true,
                KafkaLines.events(),
                DetectionJob.KAFKA_SOURCE_UID),
            withoutContentVerdicts(settings),
            DetectionJob.VALIDATE_UID);
    DataStream<Output> refusals =
        lines
            .filter(l -> l.kind == CheckedLine.Kind.REJECTED)
            .name("refused")
            .flatMap(KeyedJob::refusal)
            .returns(Output.class)
            .name("refusals");
    SingleOutputStreamOperator<Hop> carriers =
        lines
            .filter(l -> l.kind == CheckedLine.Kind.EVENT)
            .name("accepted")
            .keyBy(l -> l.eventId)
            .process(new Intake(settings))
            .setMaxParallelism(MAX_PARALLELISM)
            .name("deduplicate")
            .uid("fanzha-keyed-intake");
    String topic = kafka.topicPrefix() + FEEDBACK_TOPIC;
    RequestRecords records = new RequestRecords(topic);
    KafkaSource<Hop> source =
        KafkaSource.<Hop>builder()
            .setBootstrapServers(kafka.bootstrapServers())
            .setTopics(topic)
            .setGroupId(kafka.groupId() + "-requests")
            .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
            .setProperty(
                "isolation.level",
                "read_committed") // a request of a checkpoint not taken is never carried out
            .setDeserializer(records)
            .build();
    DataStream<Hop> feedback =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "topic " + topic)
            .uid("fanzha-keyed-feedback-source");
    // a job started without a checkpoint reads every rule file from the beginning, so it runs the
    // last one published
    DataStream<Hop> ruleFiles =
        DetectionJob.validate(
                DetectionJob.kafkaLines(
                        env,
                        kafka.bootstrapServers(),
                        kafka.rulesTopic(),
                        kafka.groupId(),
                        OffsetsInitializer.earliest(),
                        false,
                        KafkaLines.ruleFiles(),
                        DetectionJob.RULES_SOURCE_UID)
                    .setParallelism(1),
                settings,
                DetectionJob.VALIDATE_RULES_UID)
            .flatMap(KeyedJob::toEveryEngine)
            .returns(Hop.class)
            .setParallelism(1)
            .name("rules to every engine")
            .uid("fanzha-keyed-rules");
    DataStream<CheckedLine> questions = DetectionJob.questions(env, kafka, settings);
    DataStream<Hop> toNumbers =
        questions
            .flatMap(KeyedJob::toNumber)
            .returns(Hop.class)
            .setParallelism(1)
            .name("questions to numbers")
            .uid("fanzha-keyed-questions");
    DataStream<Output> refusedQuestions =
        questions
            .flatMap(KeyedJob::refusedQuestion)
            .returns(Output.class)
            .setParallelism(1)
            .name("questions refused")
            .uid("fanzha-keyed-questions-refused");
    Stages built = stages(carriers, feedback.union(ruleFiles, toNumbers), settings, null);
    Properties producer = new Properties();
    producer.setProperty("transaction.timeout.ms", DetectionJob.TRANSACTION_TIMEOUT_MS);
    built
        .requests
        .sinkTo(
            KafkaSink.<Hop>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(records)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(kafka.transactionalIdPrefix() + "-requests")
                .setTransactionNamingStrategy(TransactionNamingStrategy.POOLING)
                .build())
        .name("feedback topic")
        .uid("fanzha-keyed-feedback-sink");
    DetectionJob.toKafka(
        built.outputs.union(refusals, refusedQuestions, carriers.getSideOutput(Intake.REPLIES)),
        kafka.bootstrapServers(),
        kafka.streams(),
        kafka.transactionalIdPrefix(),
        env.getParallelism());
  }

  /**
   * What the stages send out: outputs, and the requests they made (none when a local channel
   * carries them).
   */
  private record Stages(DataStream<Output> outputs, DataStream<Hop> requests) {}

  private static Stages stages(
      DataStream<Hop> carriers,
      DataStream<Hop> feedback,
      JobSettings settings,
      @Nullable String run) {
    DataStream<Hop> toAssembler = carriers;
    DataStream<Output> warnings = null;
    DataStream<Hop> risks = null;
    DataStream<Hop> requests = null;
    int entitiesHeld = Integer.getInteger(ENTITIES_HELD, StageOperator.ENTITIES_HELD);
    for (Stage s : Stage.values()) {
      SingleOutputStreamOperator<Hop> assembled =
          toAssembler
              .keyBy(h -> h.key)
              .process(new Assembler(s, MAX_PARALLELISM, run))
              .setMaxParallelism(MAX_PARALLELISM)
              .name("assemble " + s)
              .uid("fanzha-keyed-assemble-" + s);
      int stage = s.ordinal();
      DataStream<Hop> parts = assembled.filter(h -> h.kind == Hop.PART).name("parts " + s);
      DataStream<Hop> asked = feedback.filter(h -> h.stage == stage).name("requests " + s);
      SingleOutputStreamOperator<Hop> done =
          parts
              .union(asked)
              .keyBy(h -> h.key)
              .transform(
                  "stage " + s,
                  TypeInformation.of(Hop.class),
                  new StageOperator(s, settings, run, entitiesHeld))
              .setMaxParallelism(MAX_PARALLELISM)
              .uid("fanzha-keyed-stage-" + s);
      warnings = union(warnings, done.getSideOutput(StageOperator.OUTPUTS));
      risks = union(risks, done.getSideOutput(StageOperator.RISKS));
      requests =
          union(requests, done.filter(h -> h.kind == Hop.REQUEST).name("requests from " + s));
      toAssembler =
          assembled.filter(h -> h.kind == Hop.CARRIER).union(done.filter(h -> h.kind == Hop.DONE));
    }
    DataStream<Output> decisions =
        toAssembler
            .keyBy(h -> h.key)
            .process(new Assembler(null, MAX_PARALLELISM, run))
            .setMaxParallelism(MAX_PARALLELISM)
            .name("decide")
            .uid("fanzha-keyed-decide")
            .flatMap(KeyedJob::decided)
            .returns(Output.class)
            .name("decisions");
    DataStream<Output> entities =
        Objects.requireNonNull(risks)
            .keyBy(h -> h.key)
            .process(new RiskMerger())
            .setMaxParallelism(MAX_PARALLELISM)
            .name("merge risks")
            .uid("fanzha-keyed-risks");
    return new Stages(decisions.union(warnings, entities), Objects.requireNonNull(requests));
  }

  private static <T> DataStream<T> union(@Nullable DataStream<T> a, DataStream<T> b) {
    return a == null ? b : a.union(b);
  }

  /**
   * An event's decision, in its place (a decision without body: scored at zero, nothing to write),
   * and the answer to a caller who waits for it.
   */
  private static void decided(Hop decided, Collector<Output> out) {
    Decision d = HopCodec.decision(decided.payload);
    if (decided.replyTo != null) {
      out.collect(OutputWriter.decided(decided.replyTo, d));
    }
    Output o =
        d.isNone() ? new Output(OutputKind.DECISION, decided.key, null) : OutputWriter.decision(d);
    o.seq = decided.seq;
    out.collect(o);
  }

  /** A published rule file, for every key group's engine of every stage. */
  private static void toEveryEngine(CheckedLine ruleFile, Collector<Hop> out) {
    if (ruleFile.kind != CheckedLine.Kind.RULE_FILE) {
      return;
    }
    for (Stage s : Stage.values()) {
      for (int g = 0; g < MAX_PARALLELISM; g++) {
        Hop h =
            Hop.of(
                Hop.RULES,
                KeyGroupShares.keyOf(g, MAX_PARALLELISM),
                ruleFile.partition + ":" + ruleFile.line);
        h.stage = s.ordinal();
        h.payload = ruleFile.bytes;
        out.collect(h);
      }
    }
  }

  /**
   * A question about a number, for the {@code ACTOR} stage's engine that keeps the number's
   * features.
   */
  private static void toNumber(CheckedLine question, Collector<Hop> out) {
    String phone = question.subject;
    if (phone != null) {
      Hop h = Hop.of(Hop.QUERY, EntityKind.PHONE.wireName() + ":" + phone, phone);
      h.stage = Stage.ACTOR.ordinal();
      h.replyTo = question.replyTo;
      out.collect(h);
    }
  }

  /** The answer to a question refused before it reached a stage. */
  private static void refusedQuestion(CheckedLine question, Collector<Output> out) {
    if (question.subject == null && question.replyTo != null) {
      out.collect(
          OutputWriter.refused(
              question.replyTo, question.rejection().field(), question.rejection().reason()));
    }
  }

  /** A refused line, and the answer to a caller who waits for it. */
  private static void refusal(CheckedLine line, Collector<Output> out) {
    out.collect(OutputWriter.rejection(line.partition, line.rejection()));
    if (line.replyTo != null) {
      out.collect(OutputWriter.refused(line.replyTo, line.rejection()));
    }
  }

  /**
   * The settings validation runs with: the stages' engines read the text themselves, so the content
   * model's verdict is not found twice.
   */
  private static JobSettings withoutContentVerdicts(JobSettings settings) {
    return new JobSettings(settings.rulesText(), false, settings.dedupeWindowMs());
  }
}

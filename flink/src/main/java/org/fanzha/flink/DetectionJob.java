package org.fanzha.flink;

import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.TransactionNamingStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.fanzha.core.stream.StreamTopics;
import org.fanzha.flink.io.CheckedLine;
import org.fanzha.flink.io.KafkaLines;
import org.fanzha.flink.io.NdjsonFileFormat;
import org.fanzha.flink.io.Output;
import org.fanzha.flink.io.OutputKind;
import org.fanzha.flink.io.OutputTopics;
import org.fanzha.flink.io.RawLine;
import org.fanzha.flink.score.ScoringOperator;
import org.fanzha.flink.score.Validation;

/**
 * Assembles the detection job: a source of raw lines (an NDJSON file, or a Kafka topic), the
 * scoring operator, and a sink (Kafka topics, exactly-once; or the replay's collector). Every
 * operator has a fixed uid, so savepoints stay compatible when the graph around it changes.
 */
public final class DetectionJob {

  public static final String FILE_SOURCE_UID = "fanzha-file-source";
  public static final String KAFKA_SOURCE_UID = "fanzha-kafka-source";
  public static final String RULES_SOURCE_UID = "fanzha-rules-source";
  public static final String QUERIES_SOURCE_UID = "fanzha-queries-source";
  public static final String VALIDATE_QUERIES_UID = "fanzha-validate-queries";

  /** How often the queries source looks for the topic's partitions (and for the topic). */
  static final long QUERIES_DISCOVERY_MS = 10_000;

  public static final String VALIDATE_UID = "fanzha-validate";
  public static final String VALIDATE_RULES_UID = "fanzha-validate-rules";
  public static final String SCORER_UID = "fanzha-scorer";
  public static final String KAFKA_SINK_UID = "fanzha-kafka-sink";
  public static final String REPLY_SINK_UID = "fanzha-reply-sink";

  /**
   * Kafka's broker default cap for a transaction is 15 minutes; stay below it
   * (notes/flink-kafka-testing.md).
   */
  public static final String TRANSACTION_TIMEOUT_MS = String.valueOf(10 * 60 * 1000);

  private DetectionJob() {}

  /**
   * Where the streaming job reads and writes.
   *
   * @param bootstrapServers Kafka's {@code host:port} list
   * @param inputTopic NDJSON events, one per record (the server's accepted events)
   * @param rulesTopic rule files (API.md "Rule file"), one per record, adopted by every scorer in
   *     the order published
   * @param groupId the consumer group whose committed offsets a first start resumes from
   * @param topicPrefix output topics are this prefix + {@code decisions}, {@code warnings}, {@code
   *     entities}, {@code rejections}, {@code rules-applied}, {@code replies}; questions come on
   *     this prefix + {@code queries} ({@link StreamTopics})
   * @param transactionalIdPrefix unique per job on a Kafka cluster, and kept when the job is
   *     restored from a savepoint
   */
  public record KafkaTopics(
      String bootstrapServers,
      String inputTopic,
      String rulesTopic,
      String groupId,
      String topicPrefix,
      String transactionalIdPrefix)
      implements java.io.Serializable {

    /** The names the server uses for the same topics. */
    public StreamTopics streams() {
      return new StreamTopics(inputTopic, rulesTopic, topicPrefix);
    }
  }

  /**
   * Builds the streaming job: Kafka in, scoring, Kafka out (exactly-once once checkpointing is on).
   */
  public static void kafkaToKafka(
      StreamExecutionEnvironment env, KafkaTopics kafka, JobSettings settings) {
    configure(env);
    DataStream<CheckedLine> events =
        validate(
            kafkaLines(
                env,
                kafka.bootstrapServers(),
                kafka.inputTopic(),
                kafka.groupId(),
                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST),
                true,
                KafkaLines.events(),
                KAFKA_SOURCE_UID),
            settings,
            VALIDATE_UID);
    // Rule files reach every scoring task (broadcast): one today, one per key group after the keyed
    // re-cut. A job
    // started without a checkpoint reads them all from the beginning, so it runs the last published
    // file.
    DataStream<CheckedLine> ruleFiles =
        validate(
                kafkaLines(
                        env,
                        kafka.bootstrapServers(),
                        kafka.rulesTopic(),
                        kafka.groupId(),
                        OffsetsInitializer.earliest(),
                        false,
                        KafkaLines.ruleFiles(),
                        RULES_SOURCE_UID)
                    .setParallelism(1),
                settings,
                VALIDATE_RULES_UID)
            .broadcast();
    toKafka(
        score(events.union(ruleFiles, questions(env, kafka, settings)), settings),
        kafka.bootstrapServers(),
        kafka.streams(),
        kafka.transactionalIdPrefix(),
        1);
  }

  /**
   * The questions of the queries topic, checked ({@link StreamTopics#queries()}): read from its end
   * on a first start (an older question has nobody waiting), from the checkpoint after a restore
   * (the few asked again find nobody waiting either). Subscribed by name pattern, so a job started
   * before the topic exists runs, and finds it within {@link #QUERIES_DISCOVERY_MS}: a deployment
   * from before questions keeps working until its operator creates the topic.
   */
  public static DataStream<CheckedLine> questions(
      StreamExecutionEnvironment env, KafkaTopics kafka, JobSettings settings) {
    KafkaSource<RawLine> source =
        KafkaSource.<RawLine>builder()
            .setBootstrapServers(kafka.bootstrapServers())
            .setTopicPattern(Pattern.compile(Pattern.quote(kafka.streams().queries())))
            .setGroupId(kafka.groupId())
            .setStartingOffsets(OffsetsInitializer.latest())
            .setProperty("commit.offsets.on.checkpoint", "false")
            .setProperty("partition.discovery.interval.ms", String.valueOf(QUERIES_DISCOVERY_MS))
            .setDeserializer(KafkaLines.queries())
            .build();
    return validate(
        env.fromSource(
                source, WatermarkStrategy.noWatermarks(), "topic " + kafka.streams().queries())
            .uid(QUERIES_SOURCE_UID)
            .setParallelism(1),
        settings,
        VALIDATE_QUERIES_UID);
  }

  /** Sets what every run of the job needs from its environment. */
  public static void configure(StreamExecutionEnvironment env) {
    // Compressed snapshots are smaller, and Flink 2.2 restores an uncompressed operator-state blob
    // one byte per read
    // call from the checkpoint file: 24 MB took 80 s to restore, compressed it is read through a
    // buffer.
    env.getConfig().setUseSnapshotCompression(true);
    // Chained steps hand records on without a copy: no step keeps or changes a record it has passed
    // on (sources and
    // steps make a new one per record, sinks serialise at once). The copies cost the job a tenth of
    // its CPU.
    env.getConfig().enableObjectReuse();
  }

  /** Reads one NDJSON file in order, as one split. */
  public static SingleOutputStreamOperator<RawLine> fileLines(
      StreamExecutionEnvironment env, Path file) {
    FileSource<RawLine> source =
        FileSource.forRecordStreamFormat(
                new NdjsonFileFormat(),
                new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri()))
            // the default enumerator skips names starting with '.' or '_': a replay reads the file
            // it is given
            .setFileEnumerator(() -> new NonSplittingRecursiveEnumerator(path -> true))
            .build();
    return env.fromSource(source, WatermarkStrategy.noWatermarks(), "events file")
        .setParallelism(1)
        .uid(FILE_SOURCE_UID);
  }

  /**
   * Reads a Kafka topic, one record per event or rule file, from {@code start} on a first start;
   * after a restore, from the offsets in the checkpoint. {@code commitOffsets}: report progress to
   * {@code groupId} at each checkpoint.
   */
  public static SingleOutputStreamOperator<RawLine> kafkaLines(
      StreamExecutionEnvironment env,
      String bootstrapServers,
      String topic,
      String groupId,
      OffsetsInitializer start,
      boolean commitOffsets,
      KafkaLines records,
      String uid) {
    KafkaSource<RawLine> source =
        KafkaSource.<RawLine>builder()
            .setBootstrapServers(bootstrapServers)
            .setTopics(topic)
            .setGroupId(groupId)
            .setStartingOffsets(start)
            .setProperty("commit.offsets.on.checkpoint", String.valueOf(commitOffsets))
            .setDeserializer(records)
            .build();
    return env.fromSource(source, WatermarkStrategy.noWatermarks(), "topic " + topic).uid(uid);
  }

  /**
   * Validates {@code lines} beside their source: the same parallelism and a forward edge, so Flink
   * chains the two and each source task parses what it read ({@link Validation}).
   */
  public static DataStream<CheckedLine> validate(
      SingleOutputStreamOperator<RawLine> lines, JobSettings settings, String uid) {
    return lines
        .map(new Validation(settings))
        .setParallelism(lines.getParallelism())
        .name("validate")
        .uid(uid);
  }

  /** Scores the checked lines (stage 1: one scoring task, see {@link ScoringOperator}). */
  public static SingleOutputStreamOperator<Output> score(
      DataStream<CheckedLine> lines, JobSettings settings) {
    // its own thread even beside a parallelism-1 source: reading and scoring overlap, as in the
    // embedded replay
    return lines
        .transform("score", TypeInformation.of(Output.class), new ScoringOperator(settings))
        .setParallelism(1)
        .uid(SCORER_UID)
        .startNewChain();
  }

  /**
   * Writes decisions, warnings, entity risks and refusals to their topics ({@link OutputTopics}) in
   * Kafka transactions committed with each checkpoint: a reader with {@code
   * isolation.level=read_committed} sees each output once, even across failures. Answers to events
   * that asked for one go to the replies topic at once, outside the transactions: a caller waits
   * for them, and an answer repeated after a restore is the same answer under the same correlation
   * id. A decision without body (an event scored at zero) is not written.
   *
   * @param parallelism the outputs' producers' (1 beside the one scorer: one channel per key from
   *     there keeps each key's outputs in order)
   */
  public static void toKafka(
      DataStream<Output> outputs,
      String bootstrapServers,
      StreamTopics names,
      String transactionalIdPrefix,
      int parallelism) {
    Properties producer = new Properties();
    producer.setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
    KafkaSink<Output> sink =
        KafkaSink.<Output>builder()
            .setBootstrapServers(bootstrapServers)
            .setKafkaProducerConfig(producer)
            .setRecordSerializer(OutputTopics.committed(names))
            .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .setTransactionalIdPrefix(transactionalIdPrefix)
            // reuse a small pool of transactional ids and find open ones with ListTransactions on
            // recovery, instead of
            // probing one id per past checkpoint (recovery after 50 checkpoints took 81 s that way;
            // FLIP-511)
            .setTransactionNamingStrategy(TransactionNamingStrategy.POOLING)
            .build();
    outputs
        .filter(
            o ->
                o.kind != OutputKind.SUMMARY
                    && o.kind != OutputKind.REPLY
                    && !(o.kind == OutputKind.DECISION && o.json == null))
        .setParallelism(parallelism)
        .name("streamed outputs")
        .uid("fanzha-streamed-outputs")
        .keyBy(o -> o.key)
        .sinkTo(sink)
        .name("kafka topics")
        .uid(KAFKA_SINK_UID);
    Properties quick = new Properties();
    quick.setProperty("linger.ms", "0");
    KafkaSink<Output> replies =
        KafkaSink.<Output>builder()
            .setBootstrapServers(bootstrapServers)
            .setKafkaProducerConfig(quick)
            .setRecordSerializer(OutputTopics.replies(names))
            .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
            .build();
    outputs
        .filter(o -> o.kind == OutputKind.REPLY)
        .setParallelism(parallelism)
        .name("replies")
        .uid("fanzha-replies")
        .sinkTo(replies)
        .setParallelism(1)
        .name("replies topic")
        .uid(REPLY_SINK_UID);
  }
}

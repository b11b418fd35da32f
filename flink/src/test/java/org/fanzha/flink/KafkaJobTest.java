package org.fanzha.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.codec.ParseResult;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.replay.OutputJson;
import org.fanzha.engine.replay.Replay;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.flink.cli.FlinkCommands;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.Simulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The streaming job on a real Kafka broker and a Flink mini-cluster: a task manager lost
 * mid-stream, and a stop with a savepoint resumed at a higher parallelism, both end with exactly
 * the outputs the embedded replay gives for the same events (each decision and warning once, the
 * same entity risks).
 */
class KafkaJobTest {
  private static final String[] OUTPUTS = {
    "decisions", "warnings", "entities", "rejections", "rules-applied"
  };
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static KafkaBroker kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = KafkaBroker.start();
  }

  @AfterAll
  static void stopKafka() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void aLostTaskManagerCostsNoOutputAndRepeatsNone(
      @InjectMiniCluster MiniCluster cluster, @TempDir Path dir) throws Exception {
    List<String> events = city(dir, 43);
    Expected expected = Expected.of(dir.resolve("embedded"), events);
    DetectionJob.KafkaTopics topics = topics("loss");
    createTopics(topics);

    JobClient job = start(topics, 2, "hashmap", dir, null);
    List<List<String>> chunks = JobRuns.chunks(events, 8);
    kafka.produce(topics.inputTopic(), chunks.get(0));
    try (KafkaBroker.CommittedReader out = kafka.reader(outputTopics(topics))) {
      JobRuns.await(
          job,
          () -> !out.poll().values(topics.topicPrefix() + "decisions").isEmpty(),
          "a first committed checkpoint",
          PATIENCE);
      AtomicReference<Exception> producerFailure = new AtomicReference<>();
      Thread producer =
          new Thread(
              () -> {
                try {
                  for (List<String> chunk : chunks.subList(1, chunks.size())) {
                    kafka.produce(topics.inputTopic(), chunk);
                    Thread.sleep(100);
                  }
                } catch (Exception e) {
                  producerFailure.set(e);
                }
              });
      producer.start();
      cluster.terminateTaskManager(0).get();
      cluster.startTaskManager();
      producer.join();
      assertThat(producerFailure.get()).isNull();

      awaitAll(job, out, topics, expected);
      assertThat(
              cluster
                  .getExecutionGraph(job.getJobID())
                  .get()
                  .getStatusTimestamp(JobStatus.RESTARTING))
          .as("the job failed over")
          .isPositive();
      expected.assertMatches(out, topics);
    } finally {
      JobRuns.cancel(job);
    }
  }

  @Test
  void aSavepointAtParallelismOneResumesAtTwoWithTheSameResults(
      @InjectMiniCluster MiniCluster cluster, @TempDir Path dir) throws Exception {
    List<String> events = city(dir, 47);
    Expected expected = Expected.of(dir.resolve("embedded"), events);
    List<String> firstHalf = events.subList(0, events.size() / 2);
    Expected expectedFirstHalf = Expected.of(dir.resolve("embedded-half"), firstHalf);
    DetectionJob.KafkaTopics topics = topics("rescale");
    createTopics(topics);

    try (KafkaBroker.CommittedReader out = kafka.reader(outputTopics(topics))) {
      JobClient first = start(topics, 1, "rocksdb", dir, null);
      kafka.produce(topics.inputTopic(), firstHalf);
      JobRuns.await(
          first,
          () ->
              out.poll().values(topics.topicPrefix() + "decisions").size()
                  >= expectedFirstHalf.decisions.size(),
          "the first half's decisions",
          PATIENCE);
      String savepoint =
          cluster
              .stopWithSavepoint(
                  first.getJobID(),
                  dir.resolve("savepoints").toUri().toString(),
                  false,
                  SavepointFormatType.CANONICAL)
              .get();
      assertThat(cluster.getJobStatus(first.getJobID()).get()).isEqualTo(JobStatus.FINISHED);

      kafka.produce(topics.inputTopic(), events.subList(firstHalf.size(), events.size()));
      JobClient second = start(topics, 2, "rocksdb", dir, savepoint);
      try {
        awaitAll(second, out, topics, expected);
        expected.assertMatches(out, topics);
      } finally {
        JobRuns.cancel(second);
      }
    }
  }

  @Test
  void aRuleFilePublishedWhileRunningScoresEveryLaterEvent(@TempDir Path dir) throws Exception {
    List<String> events = city(dir, 59);
    List<String> firstHalf = events.subList(0, events.size() / 2);
    List<String> secondHalf = events.subList(firstHalf.size(), events.size());
    String stricter =
        RuleBook.defaultText()
            .replace("version: 1", "version: 2")
            .replace("    min_calls: 20", "    min_calls: 6");
    List<String> shippedOnly = decisions(events);
    List<String> expected = decisions(firstHalf, secondHalf, RuleBook.parse(stricter));
    assertThat(expected).as("the new rules decide differently").isNotEqualTo(shippedOnly);
    DetectionJob.KafkaTopics topics = topics("rules");
    createTopics(topics);

    JobClient job = start(topics, 2, "hashmap", dir, null);
    try (KafkaBroker.CommittedReader out = kafka.reader(outputTopics(topics))) {
      kafka.produce(topics.inputTopic(), firstHalf);
      int firstHalfDecisions = decisions(firstHalf).size();
      JobRuns.await(
          job,
          () -> out.poll().values(topics.topicPrefix() + "decisions").size() >= firstHalfDecisions,
          "the first half's decisions",
          PATIENCE);
      // every first-half event scored (offsets commit with the checkpoint), or a late one could
      // meet the new rules
      JobRuns.await(
          job, () -> committed(topics) >= firstHalf.size(), "the first half read", PATIENCE);
      // a broken file sent past the checks, then the stricter one through the operators' command,
      // which waits for
      // the job's answer; a broken file given to the command is refused before anything is sent
      kafka.produce(topics.rulesTopic(), List.of("version: 2\nrules: [unclosed"));
      Path broken = Files.writeString(dir.resolve("broken.yaml"), "version: 2\nrules: [unclosed");
      Path good = Files.writeString(dir.resolve("stricter.yaml"), stricter);
      assertThat(publishRules(topics, broken)).isEqualTo(1);
      assertThat(publishRules(topics, good)).as("adopted").isZero();
      JobRuns.await(
          job,
          () -> out.poll().values(topics.topicPrefix() + "rules-applied").size() == 2,
          "both answers",
          PATIENCE);
      assertThat(out.values(topics.topicPrefix() + "rules-applied"))
          .anySatisfy(o -> assertThat(o).contains("\"status\":\"refused\"").contains("problems"))
          .contains("{\"version\":2,\"status\":\"adopted\"}");

      kafka.produce(topics.inputTopic(), secondHalf);
      JobRuns.await(
          job,
          () -> out.poll().values(topics.topicPrefix() + "decisions").size() >= expected.size(),
          "every decision",
          PATIENCE);
      Thread.sleep(1000);
      assertThat(out.poll().values(topics.topicPrefix() + "decisions"))
          .containsExactlyInAnyOrderElementsOf(expected);
    } finally {
      JobRuns.cancel(job);
    }
  }

  /**
   * The embedded engine's decisions, as NDJSON lines: the first events, then {@code later} under
   * {@code rules}.
   */
  private static List<String> decisions(List<String> first, List<String> later, RuleBook rules) {
    Engine engine = new Engine(EngineConfig.defaults());
    List<String> out = new ArrayList<>();
    EventCodec codec = new EventCodec();
    for (String line : first) {
      score(engine, codec, line, out);
    }
    engine.useRules(rules);
    for (String line : later) {
      score(engine, codec, line, out);
    }
    return out;
  }

  private static List<String> decisions(List<String> events) {
    return decisions(events, List.of(), RuleBook.defaults());
  }

  private static void score(Engine engine, EventCodec codec, String line, List<String> out) {
    if (codec.parse(line, 0) instanceof ParseResult.Accepted a) {
      Decision d = engine.process(a.event());
      engine.drainWarnings();
      if (!d.isNone()) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g =
            JsonFactory.builder().build().createGenerator(ObjectWriteContext.empty(), w)) {
          OutputJson.write(d, g);
        }
        out.add(w.toString());
      }
    }
  }

  private static JobClient start(
      DetectionJob.KafkaTopics topics,
      int parallelism,
      String stateBackend,
      Path dir,
      String savepoint)
      throws Exception {
    Configuration conf = JobRuns.configuration(dir, stateBackend, savepoint);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(parallelism);
    env.enableCheckpointing(200);
    DetectionJob.kafkaToKafka(
        env, topics, new JobSettings(null, false).withDedupeWindow(Duration.ofDays(1)));
    return env.executeAsync("fanzha " + topics.inputTopic());
  }

  private static int publishRules(DetectionJob.KafkaTopics topics, Path file) {
    return new CommandLine(new FlinkCommands())
        .execute(
            "publish-rules",
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--file",
            file.toString(),
            "--rules-topic",
            topics.rulesTopic(),
            "--topic-prefix",
            topics.topicPrefix());
  }

  private static long committed(DetectionJob.KafkaTopics topics) {
    try {
      return kafka.committedOffsets(topics.groupId(), topics.inputTopic());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static DetectionJob.KafkaTopics topics(String name) {
    return new DetectionJob.KafkaTopics(
        kafka.bootstrapServers(),
        name + ".events",
        name + ".rules",
        name + "-group",
        name + ".",
        "fanzha-" + name);
  }

  /** One partition in (the embedded runner's order), two out. */
  private static void createTopics(DetectionJob.KafkaTopics topics) throws Exception {
    kafka.createTopics(1, List.of(topics.inputTopic(), topics.rulesTopic()));
    kafka.createTopics(2, outputTopics(topics));
  }

  private static List<String> outputTopics(DetectionJob.KafkaTopics topics) {
    List<String> names = new ArrayList<>();
    for (String o : OUTPUTS) {
      names.add(topics.topicPrefix() + o);
    }
    return names;
  }

  private static List<String> city(Path dir, long seed) throws IOException {
    Path file = dir.resolve("city-" + seed + ".ndjson");
    Simulator.writeFiles(SimConfig.of(seed, 1200, 3), file);
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  /**
   * Waits until the decisions are all in and the entity changelog has caught up with the last
   * checkpoint.
   */
  private static void awaitAll(
      JobClient job,
      KafkaBroker.CommittedReader out,
      DetectionJob.KafkaTopics topics,
      Expected expected)
      throws Exception {
    JobRuns.await(
        job,
        () ->
            out.poll().values(topics.topicPrefix() + "decisions").size()
                >= expected.decisions.size(),
        "every decision",
        PATIENCE);
    JobRuns.await(
        job,
        () ->
            new HashSet<>(out.poll().latest(topics.topicPrefix() + "entities").values())
                .equals(expected.entities),
        "the entity risks",
        PATIENCE);
    Thread.sleep(1000); // two more checkpoints: anything written twice would show now
    out.poll().poll();
  }

  /** What the embedded replay writes for the same events. */
  private record Expected(List<String> decisions, List<String> warnings, Set<String> entities) {
    static Expected of(Path dir, List<String> events) throws IOException {
      Files.createDirectories(dir);
      Path file = dir.resolve("events.ndjson");
      Files.write(file, events, StandardCharsets.UTF_8);
      Replay.run(file, dir, EngineConfig.defaults());
      Expected e =
          new Expected(
              read(dir, "decisions.ndjson"),
              read(dir, "warnings.ndjson"),
              new HashSet<>(read(dir, "entities.ndjson")));
      assertThat(e.decisions).isNotEmpty();
      assertThat(e.warnings).isNotEmpty();
      return e;
    }

    private static final Pattern ENTITY =
        Pattern.compile("\"entity_kind\":\"([^\"]*)\",\"entity\":\"([^\"]*)\"");

    /**
     * The embedded decisions of each entity, in order, keyed as the job keys them ({@code
     * kind:id}).
     */
    private static Map<String, List<String>> byKey(List<String> decisions) {
      Map<String, List<String>> out = new HashMap<>();
      for (String d : decisions) {
        Matcher m = ENTITY.matcher(d);
        assertThat(m.find()).as(d).isTrue();
        out.computeIfAbsent(m.group(1) + ":" + m.group(2), k -> new ArrayList<>()).add(d);
      }
      return out;
    }

    /** The committed decisions of each key, in partition order (one key lives in one partition). */
    private static Map<String, List<String>> recordsByKey(
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> records) {
      Map<String, List<String>> out = new HashMap<>();
      for (var r : records) {
        out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
      }
      return out;
    }

    private static List<String> read(Path dir, String name) throws IOException {
      return Files.readAllLines(dir.resolve(name), StandardCharsets.UTF_8);
    }

    void assertMatches(KafkaBroker.CommittedReader out, DetectionJob.KafkaTopics topics) {
      String p = topics.topicPrefix();
      assertThat(out.values(p + "decisions"))
          .as("each decision exactly once")
          .containsExactlyInAnyOrderElementsOf(decisions);
      assertThat(recordsByKey(out.records(p + "decisions")))
          .as("each entity's decisions in scoring order")
          .isEqualTo(byKey(decisions));
      assertThat(out.values(p + "warnings"))
          .as("each warning exactly once")
          .containsExactlyInAnyOrderElementsOf(warnings);
      assertThat(new HashSet<>(out.latest(p + "entities").values()))
          .as("entity risks")
          .isEqualTo(entities);
      assertThat(out.values(p + "rejections")).isEmpty();
    }
  }
}

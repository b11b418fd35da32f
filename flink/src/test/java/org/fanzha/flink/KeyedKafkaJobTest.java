package org.fanzha.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
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
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.replay.Replay;
import org.fanzha.flink.keyed.KeyedJob;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.Tactic;
import org.fanzha.sim.World;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The keyed job streaming on a real Kafka broker and a Flink mini-cluster, its requests through the
 * feedback topic: a task manager lost mid-stream, and a stop with a savepoint at parallelism 1
 * resumed at 2. Each ends with every decision and warning written once (none repeated:
 * exactly-once), and, against the embedded replay of the same adversarial world, all but a few of
 * its decisions and warnings and the same entities held high with the same roles (a request reaches
 * its key one checkpoint after its event, and events of hours arrive here within a second: what
 * differs is printed).
 */
class KeyedKafkaJobTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String[] OUTPUTS = {
    "decisions", "warnings", "entities", "rejections", "rules-applied"
  };
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @TempDir static Path world;
  private static List<String> events;
  private static Results embedded;
  private static KafkaBroker kafka;

  @BeforeAll
  static void start() throws Exception {
    kafka = KafkaBroker.start();
    Path file = world.resolve("w.ndjson");
    EventCodec codec = new EventCodec();
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      World.generate(SimConfig.builder(37, 600, 2).tactics(Tactic.parse("all")).build())
          .forEachEvent(
              e -> {
                try {
                  w.write(codec.write(e));
                  w.write('\n');
                } catch (IOException x) {
                  throw new UncheckedIOException(x);
                }
              });
    }
    events = Files.readAllLines(file, StandardCharsets.UTF_8);
    Replay.run(file, world.resolve("embedded"), EngineConfig.defaults());
    embedded =
        Results.of(
            lines(world.resolve("embedded/decisions.ndjson")),
            lines(world.resolve("embedded/warnings.ndjson")),
            lines(world.resolve("embedded/entities.ndjson")));
    assertThat(embedded.highRoles).hasSizeGreaterThan(10);
    assertThat(embedded.warnings).hasSizeGreaterThan(3);
  }

  @AfterAll
  static void stop() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void aLostTaskManagerCostsNoOutputAndRepeatsNone(
      @InjectMiniCluster MiniCluster cluster, @TempDir Path dir) throws Exception {
    DetectionJob.KafkaTopics topics = topics("keyed-loss");
    JobClient job = start(topics, 2, "hashmap", dir, null);
    List<List<String>> chunks = JobRuns.chunks(events, 6);
    try (KafkaBroker.CommittedReader out = kafka.reader(outputTopics(topics))) {
      kafka.produce(topics.inputTopic(), chunks.get(0));
      JobRuns.await(
          job,
          () -> !out.poll().values(topics.topicPrefix() + "decisions").isEmpty(),
          "a first committed checkpoint",
          PATIENCE);
      cluster.terminateTaskManager(0).get();
      cluster.startTaskManager();
      for (List<String> chunk : chunks.subList(1, chunks.size())) {
        kafka.produce(topics.inputTopic(), chunk);
      }
      Results streamed = awaitAll(job, out, topics);
      assertThat(
              cluster
                  .getExecutionGraph(job.getJobID())
                  .get()
                  .getStatusTimestamp(JobStatus.RESTARTING))
          .as("the job failed over")
          .isPositive();
      streamed.assertCloseTo(embedded, "after a lost task manager");
    } finally {
      JobRuns.cancel(job);
    }
  }

  @Test
  void aSavepointAtParallelismOneResumesAtTwo(
      @InjectMiniCluster MiniCluster cluster, @TempDir Path dir) throws Exception {
    DetectionJob.KafkaTopics topics = topics("keyed-rescale");
    List<String> firstHalf = events.subList(0, events.size() / 2);
    try (KafkaBroker.CommittedReader out = kafka.reader(outputTopics(topics))) {
      JobClient first = start(topics, 1, "rocksdb", dir, null);
      kafka.produce(topics.inputTopic(), firstHalf);
      JobRuns.await(
          first,
          () ->
              out.poll().values(topics.topicPrefix() + "decisions").size()
                  >= embeddedDecisionsAmong(firstHalf) * 9 / 10,
          "most of the first half's decisions",
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
        awaitAll(second, out, topics).assertCloseTo(embedded, "resumed at parallelism 2");
      } finally {
        JobRuns.cancel(second);
      }
    }
  }

  /** The decisions, warnings and entities held high (at 70 or more) of a run. */
  private record Results(
      List<String> decisionIds, List<String> warnings, Map<String, String> highRoles) {

    static Results of(
        Collection<String> decisions, Collection<String> warnings, Collection<String> entities) {
      List<String> ids = decisions.stream().map(d -> field(d, "event_id")).toList();
      List<String> warned = warnings.stream().map(w -> field(w, "id")).toList();
      Map<String, String> high = new TreeMap<>();
      for (String e : entities) {
        JsonNode j = JSON.readTree(e);
        if (j.path("score").asInt() >= 70) {
          Set<String> roles = new TreeSet<>();
          j.path("roles").forEach(r -> roles.add(r.asString()));
          high.put(
              j.path("entity_kind").asString() + ":" + j.path("entity").asString(),
              roles.toString());
        }
      }
      return new Results(ids, warned, high);
    }

    void assertCloseTo(Results reference, String when) {
      Set<String> ids = new TreeSet<>(decisionIds);
      Set<String> warned = new TreeSet<>(warnings);
      Set<String> theirIds = new TreeSet<>(reference.decisionIds);
      Set<String> theirWarnings = new TreeSet<>(reference.warnings);
      System.out.printf(
          Locale.ROOT,
          "keyed streaming job, %s: decisions %d (embedded %d; events decided only here %d,"
              + " only embedded %d); warnings %d (embedded %d; only here %s, only embedded %s); high only here %s,"
              + " only embedded %s%n",
          when,
          decisionIds.size(),
          reference.decisionIds.size(),
          only(ids, theirIds).size(),
          only(theirIds, ids).size(),
          warned.size(),
          theirWarnings.size(),
          only(warned, theirWarnings),
          only(theirWarnings, warned),
          only(highRoles.keySet(), reference.highRoles.keySet()),
          only(reference.highRoles.keySet(), highRoles.keySet()));
      assertThat(decisionIds).as("each event decided once").doesNotHaveDuplicates();
      assertThat(warnings).as("each warning once").doesNotHaveDuplicates();
      assertThat(only(ids, theirIds).size() + only(theirIds, ids).size())
          .as("events decided")
          .isLessThanOrEqualTo(theirIds.size() / 20);
      // warning ids in one run and not the other: a stream's requests reach their keys a
      // checkpoint after their event, later than in the embedded order, so one warning of this
      // world is raised on a neighbouring event even without a failover (two ids differ in the
      // rescale run: W-pt121 here, W-pd120 there); after a failover the events read again arrive
      // within a second, in an order the stages do not keep, and one or two more ids differ
      // (2026-12-06, eight runs: 2 to 4 ids of 14 warnings). A caller found out late warns every
      // quiet episode it started by then at once (W-<event>-<episode>, decision 0042: three in one
      // run, W-pc809-pc834, -pc835 and -pc850): one late request, counted once
      assertThat(
              causes(only(warned, theirWarnings)).size()
                  + causes(only(theirWarnings, warned)).size())
          .as("warnings in one run only, by the event that raised them")
          .isLessThanOrEqualTo(Math.max(5, theirWarnings.size() / 3));
      assertThat(
              only(highRoles.keySet(), reference.highRoles.keySet()).size()
                  + only(reference.highRoles.keySet(), highRoles.keySet()).size())
          .as("entities held high")
          .isLessThanOrEqualTo(reference.highRoles.size() / 20 + 1);
      highRoles.forEach(
          (k, roles) -> {
            if (reference.highRoles.containsKey(k)) {
              assertThat(roles).as("roles of %s", k).isEqualTo(reference.highRoles.get(k));
            }
          });
    }
  }

  private static long embeddedDecisionsAmong(List<String> lines) {
    Set<String> ids = new TreeSet<>();
    lines.forEach(l -> ids.add(field(l, "id")));
    return embedded.decisionIds.stream().filter(ids::contains).count();
  }

  private static String field(String json, String name) {
    return JSON.readTree(json).path(name).asString();
  }

  /**
   * The events that raised {@code warnings}: a warning id up to its episode part (a quiet episode
   * warned when its caller was found out is named after that event and the episode).
   */
  private static Set<String> causes(Set<String> warnings) {
    Set<String> out = new TreeSet<>();
    for (String id : warnings) {
      int second = id.indexOf('-', 2);
      out.add(second < 0 ? id : id.substring(0, second));
    }
    return out;
  }

  private static Set<String> only(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.removeAll(b);
    return out;
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  /**
   * Waits until the committed decisions stop growing, then reads what the last checkpoints
   * committed.
   */
  private static Results awaitAll(
      JobClient job, KafkaBroker.CommittedReader out, DetectionJob.KafkaTopics topics)
      throws Exception {
    String decisions = topics.topicPrefix() + "decisions";
    JobRuns.await(
        job,
        () -> out.poll().values(decisions).size() >= embedded.decisionIds.size() * 9 / 10,
        "most decisions",
        PATIENCE);
    int[] last = {-1};
    long[] since = {System.nanoTime()};
    JobRuns.await(
        job,
        () -> {
          int n = out.poll().values(decisions).size();
          if (n != last[0]) {
            last[0] = n;
            since[0] = System.nanoTime();
          }
          return System.nanoTime() - since[0] > Duration.ofSeconds(3).toNanos();
        },
        "the decisions to settle",
        PATIENCE);
    Function<String, Collection<String>> values = t -> out.values(topics.topicPrefix() + t);
    return Results.of(
        values.apply("decisions"),
        values.apply("warnings"),
        out.latest(topics.topicPrefix() + "entities").values());
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
    env.enableCheckpointing(300);
    env.setBufferTimeout(5);
    KeyedJob.kafkaToKafka(
        env, topics, new JobSettings(null, false).withDedupeWindow(Duration.ofDays(1)));
    return env.executeAsync("fanzha keyed " + topics.inputTopic());
  }

  /** One partition in (the embedded runner's order), two out, two for the requests. */
  private static DetectionJob.KafkaTopics topics(String name) throws Exception {
    DetectionJob.KafkaTopics topics =
        new DetectionJob.KafkaTopics(
            kafka.bootstrapServers(),
            name + ".events",
            name + ".rules",
            name + "-group",
            name + ".",
            "fanzha-" + name);
    kafka.createTopics(1, List.of(topics.inputTopic(), topics.rulesTopic()));
    List<String> out = new ArrayList<>(outputTopics(topics));
    out.add(topics.topicPrefix() + KeyedJob.FEEDBACK_TOPIC);
    kafka.createTopics(2, out);
    return topics;
  }

  private static List<String> outputTopics(DetectionJob.KafkaTopics topics) {
    List<String> names = new ArrayList<>();
    for (String o : OUTPUTS) {
      names.add(topics.topicPrefix() + o);
    }
    return names;
  }
}

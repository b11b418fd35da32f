package org.fanzha.flink;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.codec.NdjsonLines;
import org.fanzha.core.codec.ParseResult;
import org.fanzha.engine.Engine;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.replay.Replay;
import org.fanzha.engine.replay.ReplaySummary;
import org.fanzha.flink.keyed.KeyedJob;
import org.fanzha.sim.SimConfig;
import org.fanzha.sim.Simulator;

/**
 * Kafka → Flink → Kafka throughput, checkpoint size and recovery time, printed. Not a test: run it
 * with
 *
 * <pre>./mvnw -q install -DskipTests   # the modules it uses, and its own test classes
 * ./mvnw -q -pl flink exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *   -Dexec.args="-Xmx10g -classpath %classpath org.fanzha.flink.KafkaBench PEOPLE DAYS [single|keyed]"
 * </pre>
 *
 * <p>(Its own JVM: under {@code exec:java} Flink cannot see the job's classes through Maven's class
 * loader.)
 *
 * <p>A simulated city (seed 5) is written into a 2-partition input topic of an in-JVM KRaft broker
 * before each job starts, so the producer does not compete with the job. The job then drains it
 * with checkpoints every second and exactly-once output; it is done when the consumer group's
 * committed offsets (committed with each checkpoint, after the outputs' transactions) reach the end
 * of the topic. Then a task manager is killed and the time until the job completes its next
 * checkpoint on a new one is the recovery time. The embedded replay of the same file, and the
 * engine's snapshot of it, are measured alongside.
 */
public final class KafkaBench {
  private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

  public static void main(String[] args) throws Exception {
    int people = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Plan plan = args.length > 2 ? Plan.valueOf(args[2].toUpperCase(Locale.ROOT)) : Plan.SINGLE;
    Path dir = Files.createTempDirectory("fanzha-kafka-bench");
    try {
      bench(dir, people, days, plan);
    } finally {
      // the world, its replay and the checkpoints: gigabytes at a million entities
      org.apache.flink.util.FileUtils.deleteDirectory(dir.toFile());
    }
  }

  private static void bench(Path dir, int people, int days, Plan plan) throws Exception {
    Path events = dir.resolve("city.ndjson");
    Simulator.writeFiles(SimConfig.of(5, people, days), events);

    ReplaySummary embedded = Replay.run(events, dir.resolve("embedded"), EngineConfig.defaults());
    System.out.printf(
        Locale.ROOT,
        "world: seed 5, %,d people, %d days, %,d events%n",
        people,
        days,
        embedded.eventsRead());
    System.out.printf(
        Locale.ROOT,
        "embedded replay (file → files, reader thread + scoring thread): %,.0f events/s%n",
        embedded.eventsPerSecond());
    snapshotSize(events);

    try (KafkaBroker kafka = KafkaBroker.start()) {
      // -Dbench.parallelism=1: one run only (a million entities on RocksDB takes long)
      for (String p : System.getProperty("bench.parallelism", "1,2").split(",")) {
        int parallelism = Integer.parseInt(p.trim());
        run(
            kafka,
            events,
            plan,
            parallelism,
            embedded.eventsRead(),
            dir.resolve("checkpoints-p" + parallelism));
      }
    }
  }

  private static void run(
      KafkaBroker kafka, Path events, Plan plan, int parallelism, long expected, Path checkpoints)
      throws Exception {
    String name = "bench-" + plan.name().toLowerCase(Locale.ROOT) + "-p" + parallelism;
    DetectionJob.KafkaTopics topics =
        new DetectionJob.KafkaTopics(
            kafka.bootstrapServers(),
            name + ".events",
            name + ".rules",
            name + "-group",
            name + ".",
            "fanzha-" + name);
    kafka.createTopics(2, List.of(topics.inputTopic()));
    kafka.createTopics(1, List.of(topics.rulesTopic()));
    kafka.createTopics(
        2,
        List.of(
            name + ".decisions",
            name + ".warnings",
            name + ".entities",
            name + ".rejections",
            name + ".rules-applied",
            name + "." + KeyedJob.FEEDBACK_TOPIC));
    long produced = kafka.produceFile(topics.inputTopic(), events);
    if (produced != expected) {
      throw new IllegalStateException("produced " + produced + " of " + expected);
    }

    Configuration conf = new Configuration();
    // -Dbench.state=rocksdb: RocksDB with incremental checkpoints (what a large deployment runs)
    String backend = System.getProperty("bench.state", "hashmap");
    conf.set(StateBackendOptions.STATE_BACKEND, backend);
    conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, backend.equals("rocksdb"));
    conf.set(RestOptions.BIND_PORT, "0");
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
    try (MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(parallelism)
                .build())) {
      cluster.start();
      TestStreamEnvironment.setAsContext(cluster, parallelism);
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
      env.enableCheckpointing(CHECKPOINT_INTERVAL.toMillis());
      if (plan == Plan.KEYED) {
        KeyedJob.kafkaToKafka(env, topics, new JobSettings(null, false));
      } else {
        DetectionJob.kafkaToKafka(env, topics, new JobSettings(null, false));
      }
      long start = System.nanoTime();
      JobClient job = env.executeAsync(name);
      long report = System.nanoTime();
      long tenth = 0;
      long nineTenths = 0;
      long doneAtTenth = 0;
      long doneAtNineTenths = 0;
      for (long done;
          (done = kafka.committedOffsets(topics.groupId(), topics.inputTopic())) < expected; ) {
        if (tenth == 0 && done >= expected / 10) {
          tenth = System.nanoTime();
          doneAtTenth = done;
        }
        if (nineTenths == 0 && done >= expected * 9 / 10) {
          nineTenths = System.nanoTime();
          doneAtNineTenths = done;
        }
        JobStatus status = job.getJobStatus().get();
        if (status.isGloballyTerminalState()) {
          job.getJobExecutionResult().get();
          throw new IllegalStateException("the job ended " + status);
        }
        if (System.nanoTime() - report > 5e9) {
          System.out.printf(Locale.ROOT, "  … %,d of %,d committed (%s)%n", done, expected, status);
          report = System.nanoTime();
        }
        Thread.sleep(100);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      CompletedCheckpointStats last = latestCheckpoint(cluster, job.getJobID());
      System.out.printf(
          Locale.ROOT,
          "flink %s p%d, Kafka → Kafka exactly-once: %,d events in %.1f s = %,.0f events/s "
              + "(job start and up to one %d s checkpoint wait included)%n",
          plan,
          parallelism,
          expected,
          seconds,
          expected / seconds,
          CHECKPOINT_INTERVAL.toSeconds());
      if (nineTenths > tenth && tenth > 0) {
        System.out.printf(
            Locale.ROOT,
            "flink p%d, steady (from 10%% to 90%% of the input committed): %,.0f events/s%n",
            parallelism,
            (doneAtNineTenths - doneAtTenth) / ((nineTenths - tenth) / 1e9));
      }
      System.out.printf(
          Locale.ROOT,
          "flink p%d, last checkpoint: %,d bytes of state (%,d written by it), %,d ms end to"
              + " end%n",
          parallelism,
          last.getStateSize(),
          last.getCheckpointedSize(),
          last.getEndToEndDuration());

      // each stage's share: a stage kept per entity writes only the entities that changed
      for (var v : cluster.getExecutionGraph(job.getJobID()).get().getVerticesTopologically()) {
        var stats = last.getTaskStateStats(v.getJobVertexId());
        String vertex = v.getName();
        if (stats != null && vertex.startsWith("stage ")) {
          int end = vertex.indexOf(' ', "stage ".length());
          System.out.printf(
              Locale.ROOT,
              "  %s: %,d bytes of state, %,d written by the last checkpoint%n",
              end < 0 ? vertex : vertex.substring(0, end),
              stats.getStateSize(),
              stats.getCheckpointedSize());
        }
      }

      long checkpointBefore = last.getCheckpointId();
      long kill = System.nanoTime();
      cluster.terminateTaskManager(0).get();
      cluster.startTaskManager();
      while (latestCheckpointId(cluster, job.getJobID()) <= checkpointBefore
          || cluster.getJobStatus(job.getJobID()).get() != JobStatus.RUNNING) {
        Thread.sleep(50);
      }
      System.out.printf(
          Locale.ROOT,
          "flink p%d, task manager lost: next completed checkpoint on a new one after %,d ms%n",
          parallelism,
          (System.nanoTime() - kill) / 1_000_000);
      job.cancel().get();
    } finally {
      TestStreamEnvironment.unsetAsContext();
    }
  }

  /** The latest completed checkpoint, or null before the first. */
  private static CompletedCheckpointStats latestCheckpoint(MiniCluster cluster, JobID job)
      throws Exception {
    return cluster
        .getExecutionGraph(job)
        .get()
        .getCheckpointStatsSnapshot()
        .getHistory()
        .getLatestCompletedCheckpoint();
  }

  private static long latestCheckpointId(MiniCluster cluster, JobID job) throws Exception {
    CompletedCheckpointStats c = latestCheckpoint(cluster, job);
    return c == null ? -1 : c.getCheckpointId();
  }

  /**
   * The engine's snapshot after the whole file: what the scoring operator checkpoints, per tracked
   * entity.
   */
  private static void snapshotSize(Path events) throws Exception {
    Engine engine = new Engine(EngineConfig.defaults());
    EventCodec codec = new EventCodec();
    try (InputStream in = Files.newInputStream(events)) {
      NdjsonLines.forEach(
          in,
          (buf, off, len, line) -> {
            if (codec.parse(buf, off, len, line) instanceof ParseResult.Accepted a) {
              engine.process(a.event());
              engine.drainWarnings();
            }
          });
    }
    ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
    engine.writeSnapshot(snapshot);
    long entities =
        engine.stats().entitiesTracked().values().stream().mapToLong(Integer::longValue).sum();
    System.out.printf(
        Locale.ROOT,
        "engine snapshot: %,d bytes for %,d tracked entities = %.0f bytes per entity%n",
        snapshot.size(),
        entities,
        (double) snapshot.size() / entities);
  }
}

package org.fanzha.flink.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.fanzha.core.stream.StreamTopics;
import org.fanzha.engine.replay.ReplaySummary;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.RuleFiles;
import org.fanzha.flink.DetectionJob;
import org.fanzha.flink.FlinkReplay;
import org.fanzha.flink.JobSettings;
import org.fanzha.flink.Plan;
import org.fanzha.flink.RulePublisher;
import org.fanzha.flink.keyed.KeyedJob;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The job jar's entry point. {@code replay} runs a file on a local mini-cluster ({@code ./fanzha
 * replay --runner flink} lands here); {@code run} is the streaming job a Flink cluster runs ({@code
 * flink run} or a {@code FlinkDeployment}'s {@code job.args}).
 */
@Command(
    name = "fanzha-flink",
    mixinStandardHelpOptions = true,
    subcommands = {
      FlinkCommands.Replay.class,
      FlinkCommands.Run.class,
      FlinkCommands.PublishRules.class
    },
    description = "Fanzha's detection engine as an Apache Flink job.")
public final class FlinkCommands implements Runnable {

  public static void main(String[] args) {
    System.exit(
        new CommandLine(new FlinkCommands())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** Options both commands share: which rules score. */
  static final class Scoring {
    @Option(
        names = "--rules",
        description =
            "score with this rule file (API.md \"Rule file\") instead of the shipped rules")
    @Nullable Path rules;

    @Option(
        names = "--no-text",
        description = "do not score SMS text with the shipped content model (the server does)")
    boolean noText;

    JobSettings settings() throws java.io.IOException {
      return JobSettings.of(rules, !noText);
    }
  }

  /** Where a running job's Kafka is, and the topics both the job and a rules publisher name. */
  static final class JobTopics {
    @Option(names = "--bootstrap-servers", required = true, description = "Kafka host:port list")
    String bootstrapServers;

    @Option(
        names = "--rules-topic",
        defaultValue = StreamTopics.DEFAULT_RULES,
        description =
            "rule files the job adopts while running, one per record (default: ${DEFAULT-VALUE})")
    String rulesTopic;

    @Option(
        names = "--topic-prefix",
        defaultValue = StreamTopics.DEFAULT_PREFIX,
        description =
            "the job's output topics are PREFIX + decisions, warnings, entities, rejections, rules-applied, "
                + "replies "
                + "(default: ${DEFAULT-VALUE})")
    String topicPrefix;
  }

  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description =
          "Replay an NDJSON events file through the Flink job on a local mini-cluster and write the embedded "
              + "replay's files (EVENTS.md) into a folder.")
  static final class Replay implements Callable<Integer> {
    @Option(names = "--events", required = true, description = "NDJSON events file, in time order")
    Path events;

    @Option(names = "--out", required = true, description = "output folder (created if missing)")
    Path out;

    @Option(
        names = "--parallelism",
        defaultValue = "2",
        description = "task slots of the mini-cluster (default: ${DEFAULT-VALUE})")
    int parallelism;

    @Option(
        names = "--runner",
        defaultValue = "flink",
        description = "accepted for the launcher's sake; always flink here")
    String runner;

    @Option(
        names = "--plan",
        defaultValue = "keyed",
        description =
            "keyed: the engine cut by stage and key across the "
                + "slots (decision 0023); single: scoring on one task, file for file the embedded replay's (default: "
                + "${DEFAULT-VALUE})")
    Plan plan;

    @CommandLine.Mixin Scoring scoring = new Scoring();

    @Override
    public Integer call() throws Exception {
      if (parallelism < 1) {
        System.err.println("--parallelism: must be at least 1");
        return 2;
      }
      JobSettings settings;
      try {
        settings = scoring.settings();
      } catch (RuleFiles.InvalidRuleFile e) {
        System.err.println(e.getMessage());
        return 1;
      }
      ReplaySummary s = FlinkReplay.run(events, out, settings, parallelism, plan);
      System.out.printf(
          Locale.ROOT,
          "flink runner, %s plan, parallelism %d (mini-cluster start included): %s%n",
          plan.name().toLowerCase(Locale.ROOT),
          parallelism,
          s.describe());
      System.out.println(
          "wrote "
              + out.resolve("decisions.ndjson")
              + ", entities.ndjson, warnings.ndjson, summary.json");
      return 0;
    }
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description =
          "Run the streaming job: events from a Kafka topic, decisions, warnings, entity risks and refusals to "
              + "Kafka topics, exactly-once; rule files published to the rules topic are adopted between two events. On a cluster the cluster's configuration decides the state backend and "
              + "checkpoint storage; these options only set what the job needs.")
  static final class Run implements Callable<Integer> {
    @CommandLine.Mixin JobTopics kafka = new JobTopics();

    @Option(
        names = "--input-topic",
        defaultValue = StreamTopics.DEFAULT_INPUT,
        description = "default: ${DEFAULT-VALUE}")
    String inputTopic;

    @Option(
        names = "--group-id",
        defaultValue = "fanzha-flink",
        description = "default: ${DEFAULT-VALUE}")
    String groupId;

    @Option(
        names = "--transactional-id-prefix",
        defaultValue = "fanzha-flink",
        description =
            "unique per job on the Kafka cluster; keep it across savepoints (default: ${DEFAULT-VALUE})")
    String transactionalIdPrefix;

    @Option(
        names = "--checkpoint-interval",
        defaultValue = "PT10S",
        description = "how often outputs are committed, ISO-8601 (default: ${DEFAULT-VALUE})")
    Duration checkpointInterval;

    @Option(names = "--state-backend", description = "hashmap or rocksdb; default: the cluster's")
    @Nullable String stateBackend;

    @Option(
        names = "--checkpoint-dir",
        description =
            "durable checkpoint storage (file:// or s3:// …); default: the "
                + "cluster's state.checkpoints.dir. The job manager's memory (Flink's fallback) takes at most 5 MB of state.")
    @Nullable String checkpointDir;

    @Option(
        names = "--dedupe-window",
        defaultValue = "P7D",
        description =
            "how long, in event time, an event id is remembered to skip a repeat, ISO-8601; repeats up to "
                + "this far apart are always skipped, from twice as far never (default: ${DEFAULT-VALUE})")
    Duration dedupeWindow;

    @Option(
        names = "--buffer-timeout",
        defaultValue = "PT0.005S",
        description =
            "the longest a record waits in a half-full network buffer between two tasks; a server's decide "
                + "crosses one such hop, and Flink's default of 100 ms would be most of its wait (default: ${DEFAULT-VALUE})")
    Duration bufferTimeout;

    @Option(
        names = "--plan",
        defaultValue = "single",
        description =
            "single: scoring on one task, rule files "
                + "adopted from the rules topic; keyed: the engine cut by stage and key across the slots, requests through the "
                + "topic <prefix>"
                + KeyedJob.FEEDBACK_TOPIC
                + " (decision 0023; rule files not adopted yet) (default: "
                + "${DEFAULT-VALUE})")
    Plan plan;

    @CommandLine.Mixin Scoring scoring = new Scoring();

    @Override
    public Integer call() throws Exception {
      Configuration conf = new Configuration();
      if (stateBackend != null) {
        conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
      }
      if (checkpointDir != null) {
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
      }
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
      env.enableCheckpointing(checkpointInterval.toMillis());
      env.setBufferTimeout(bufferTimeout.toMillis());
      DetectionJob.KafkaTopics topics =
          new DetectionJob.KafkaTopics(
              kafka.bootstrapServers,
              inputTopic,
              kafka.rulesTopic,
              groupId,
              kafka.topicPrefix,
              transactionalIdPrefix);
      JobSettings settings = scoring.settings().withDedupeWindow(dedupeWindow);
      if (plan == Plan.KEYED) {
        KeyedJob.kafkaToKafka(env, topics, settings);
      } else {
        DetectionJob.kafkaToKafka(env, topics, settings);
      }
      env.execute("fanzha detection " + inputTopic + " → " + kafka.topicPrefix + "*");
      return 0;
    }
  }

  @Command(
      name = "publish-rules",
      mixinStandardHelpOptions = true,
      description =
          "Check a rule file, publish it to a running job's rules topic as one record, and wait for the job "
              + "to say it adopted or refused it. Exit 0 adopted, 1 refused or not checked, 3 no answer in time.")
  static final class PublishRules implements Callable<Integer> {
    @CommandLine.Mixin JobTopics kafka = new JobTopics();

    @Option(names = "--file", required = true, description = "the rule file (API.md \"Rule file\")")
    Path file;

    @Option(
        names = "--wait",
        defaultValue = "PT60S",
        description = "how long to wait for the answer (default: ${DEFAULT-VALUE})")
    Duration wait;

    @Override
    public Integer call() throws Exception {
      RuleBook book;
      try {
        book = RuleFiles.load(file);
      } catch (RuleFiles.InvalidRuleFile e) {
        System.err.println(e.getMessage());
        return 1;
      }
      RulePublisher publisher = new RulePublisher(kafka.bootstrapServers);
      RulePublisher.Published p =
          publisher.publish(kafka.rulesTopic, book, Files.readString(file, StandardCharsets.UTF_8));
      System.out.printf(
          Locale.ROOT,
          "published version %d to %s (partition %d, offset %d); waiting for the job…%n",
          book.version(),
          kafka.rulesTopic,
          p.partition(),
          p.offset());
      var answer =
          publisher.awaitAnswer(
              new StreamTopics(StreamTopics.DEFAULT_INPUT, kafka.rulesTopic, kafka.topicPrefix)
                  .rulesApplied(),
              p,
              wait);
      if (answer.isEmpty()) {
        System.err.println(
            "no answer from the job within " + wait + " (is it running, and checkpointing?)");
        return 3;
      }
      System.out.println(answer.get());
      return answer.get().contains("\"status\":\"adopted\"") ? 0 : 1;
    }
  }
}

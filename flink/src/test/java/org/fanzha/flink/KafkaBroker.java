package org.fanzha.flink;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real Kafka broker in the test JVM: one combined KRaft node (Kafka's own test kit, as
 * spring-kafka-test uses), with the single-node settings of notes/flink-kafka-testing.md. The
 * server's distributed-mode tests use it too (this module's test jar).
 */
public final class KafkaBroker implements AutoCloseable {
  private final KafkaClusterTestKit cluster;

  private KafkaBroker(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  public static KafkaBroker start() throws Exception {
    KafkaClusterTestKit cluster =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("offsets.topic.num.partitions", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("transaction.state.log.num.partitions", "1")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .setConfigProp("auto.create.topics.enable", "false")
            .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    return new KafkaBroker(cluster);
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /**
   * Creates topics and waits until every partition has a leader (producing earlier can lose
   * records).
   */
  public void createTopics(int partitions, Collection<String> names) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
      List<NewTopic> topics =
          names.stream().map(n -> new NewTopic(n, partitions, (short) 1)).toList();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      for (int attempt = 1; ; attempt++) {
        try {
          admin.createTopics(topics).all().get();
          break;
        } catch (java.util.concurrent.ExecutionException e) {
          // a single KRaft node busy with the previous test's topics answers "not hosted" for a
          // moment: retry;
          // a retry may find the topics made by the attempt before
          if (e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException
              && attempt > 1) {
            break;
          }
          if (!(e.getCause() instanceof org.apache.kafka.common.errors.RetriableException)
              || System.nanoTime() > deadline) {
            throw e;
          }
          Thread.sleep(200);
        }
      }
      while (true) {
        Map<String, TopicDescription> d;
        try {
          d = admin.describeTopics(names).allTopicNames().get();
        } catch (java.util.concurrent.ExecutionException e) {
          // just created: the node may not serve the new topics' metadata yet ("not hosted"); ask
          // again
          if (!(e.getCause() instanceof org.apache.kafka.common.errors.RetriableException)
              || System.nanoTime() > deadline) {
            throw e;
          }
          Thread.sleep(50);
          continue;
        }
        boolean led =
            d.values().stream()
                .allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null));
        if (led) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no leader for " + names + " after 30 s");
        }
        Thread.sleep(50);
      }
    }
  }

  /** Sends each line as one record, in order, and waits until every send is acknowledged. */
  void produce(String topic, List<String> lines) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers());
    p.put("acks", "all");
    p.put("max.in.flight.requests.per.connection", "1");
    p.put("linger.ms", "5");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      List<Future<RecordMetadata>> sent = new ArrayList<>(lines.size());
      for (String line : lines) {
        sent.add(producer.send(new ProducerRecord<>(topic, line)));
      }
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
    }
  }

  /** Streams a file's non-blank lines into a topic, one record each; returns how many were sent. */
  long produceFile(String topic, Path file) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers());
    p.put("acks", "all");
    p.put("max.in.flight.requests.per.connection", "1");
    p.put("linger.ms", "20");
    p.put("batch.size", String.valueOf(1 << 18));
    p.put("compression.type", "lz4");
    long[] sent = {0};
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<String, String> producer =
            new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      lines
          .filter(l -> !l.isBlank())
          .forEach(
              line -> {
                sent[0]++;
                producer.send(
                    new ProducerRecord<>(topic, line),
                    (meta, e) -> {
                      if (e != null) {
                        failure.compareAndSet(null, e);
                      }
                    });
              });
      producer.flush();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return sent[0];
  }

  /**
   * The offsets a consumer group has committed on a topic, summed over its partitions (0 before the
   * first commit).
   */
  public long committedOffsets(String groupId, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
      return offsets.entrySet().stream()
          .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
          .mapToLong(e -> e.getValue().offset())
          .sum();
    }
  }

  /**
   * The end offsets of a topic's partitions, summed (records written so far, when none were
   * transactional).
   */
  public long endOffsets(String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
      Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
          new java.util.HashMap<>();
      admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get()
          .get(topic)
          .partitions()
          .forEach(
              p ->
                  latest.put(
                      new TopicPartition(topic, p.partition()),
                      org.apache.kafka.clients.admin.OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get().values().stream()
          .mapToLong(o -> o.offset())
          .sum();
    }
  }

  /**
   * Opens a reader of committed records only, from the beginning of every partition of {@code
   * topics}.
   */
  CommittedReader reader(Collection<String> topics) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers());
    p.put("isolation.level", "read_committed");
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    List<TopicPartition> parts = new ArrayList<>();
    for (String t : topics) {
      consumer.partitionsFor(t).forEach(i -> parts.add(new TopicPartition(t, i.partition())));
    }
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
    return new CommittedReader(consumer);
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }

  /** Accumulates the committed records of some topics, by topic, in partition order. */
  static final class CommittedReader implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    private final Map<String, List<ConsumerRecord<String, String>>> byTopic = new HashMap<>();

    private CommittedReader(KafkaConsumer<String, String> consumer) {
      this.consumer = consumer;
    }

    /** Reads what has been committed since the last call. */
    CommittedReader poll() {
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
        byTopic.computeIfAbsent(r.topic(), t -> new ArrayList<>()).add(r);
      }
      return this;
    }

    List<ConsumerRecord<String, String>> records(String topic) {
      return byTopic.getOrDefault(topic, List.of());
    }

    /** The record values of a topic (a tombstone as null). */
    List<String> values(String topic) {
      return records(topic).stream().map(ConsumerRecord::value).toList();
    }

    /** The last value per key of a compacted topic, tombstones removing their key. */
    Map<String, String> latest(String topic) {
      Map<String, String> last = new HashMap<>();
      for (ConsumerRecord<String, String> r : records(topic)) {
        if (r.value() == null) {
          last.remove(r.key());
        } else {
          last.put(r.key(), r.value());
        }
      }
      return last;
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}

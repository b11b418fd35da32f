package org.fanzha.server.runner.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads some of the job's topics on a thread of its own, every partition (no consumer group: each
 * server instance reads everything), and hands each record to {@link #accept}. Where each topic
 * starts is set per topic: its beginning, its end, or its last records.
 */
abstract class TopicFollower implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicFollower.class);

  /** Start at the beginning of each partition. */
  static final long FROM_BEGINNING = -1;

  /** Start at the end: only what is written from now on. */
  static final long FROM_END = 0;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean started;

  /**
   * Assigns the partitions and fixes the start positions before returning, so nothing written after
   * this returns is missed.
   *
   * @param starts per topic: {@link #FROM_BEGINNING}, {@link #FROM_END}, or how many last records
   *     of each partition
   * @throws IllegalStateException when a topic does not exist
   */
  TopicFollower(
      String name,
      String bootstrapServers,
      boolean committedOnly,
      Map<String, Long> starts,
      Duration wait) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("isolation.level", committedOnly ? "read_committed" : "read_uncommitted");
    p.put("enable.auto.commit", "false");
    p.put("client.id", "fanzha-server-" + name);
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    try {
      Map<TopicPartition, Long> back = new HashMap<>();
      for (Map.Entry<String, Long> t : starts.entrySet()) {
        List<PartitionInfo> infos = consumer.partitionsFor(t.getKey(), wait);
        if (infos == null || infos.isEmpty()) {
          throw new IllegalStateException(
              "Kafka topic "
                  + t.getKey()
                  + " not found at "
                  + bootstrapServers
                  + "; create the job's topics first (docs/deploy-flink.md)");
        }
        infos.forEach(i -> back.put(new TopicPartition(i.topic(), i.partition()), t.getValue()));
      }
      List<TopicPartition> parts = new ArrayList<>(back.keySet());
      consumer.assign(parts);
      Map<TopicPartition, Long> ends = consumer.endOffsets(parts, wait);
      Map<TopicPartition, Long> begins = consumer.beginningOffsets(parts, wait);
      for (TopicPartition tp : parts) {
        long n = Objects.requireNonNull(back.get(tp));
        long end = Objects.requireNonNull(ends.get(tp));
        long begin = Objects.requireNonNull(begins.get(tp));
        consumer.seek(tp, n == FROM_BEGINNING ? begin : Math.max(begin, end - n));
      }
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
    thread = new Thread(this::loop, "fanzha-topics-" + name);
    thread.setDaemon(true);
  }

  /** Starts reading. */
  final void start() {
    started = true;
    thread.start();
  }

  /** Takes one record, on the reading thread. */
  abstract void accept(ConsumerRecord<byte[], byte[]> record);

  /** Returns whether the reading thread is alive. */
  final boolean alive() {
    return thread.isAlive();
  }

  private void loop() {
    try {
      while (running) {
        try {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            try {
              accept(r);
            } catch (RuntimeException e) {
              log.warn(
                  "Skipped a record of {} at {}:{}: {}",
                  r.topic(),
                  r.partition(),
                  r.offset(),
                  e.toString());
            }
          }
        } catch (WakeupException e) {
          return;
        } catch (RuntimeException e) {
          // a broker away is retried by the client itself; anything else is logged and retried
          // after a pause
          log.warn("Reading the job's topics failed; retrying", e);
          sleepQuietly();
        }
      }
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    if (!started) {
      consumer.close(Duration.ZERO);
      return;
    }
    consumer.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

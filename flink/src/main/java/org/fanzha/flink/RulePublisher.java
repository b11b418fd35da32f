package org.fanzha.flink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.fanzha.engine.rules.RuleBook;

/**
 * Publishes a rule file to a running job's rules topic as one record (a console producer would send
 * one record per line of the YAML), and reads the job's answer for exactly that record from the
 * {@code rules-applied} topic: the job keys its answer by the record's partition and offset + 1.
 */
public final class RulePublisher {

  /** Where the file went, and the key the job will answer under. */
  public record Published(int partition, long offset) {
    public String answerKey() {
      return partition + ":" + (offset + 1);
    }
  }

  private final String bootstrapServers;

  public RulePublisher(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Sends the (already checked) rule book's file text; returns once the broker has it on all
   * in-sync replicas.
   */
  public Published publish(String rulesTopic, RuleBook book, String yaml)
      throws InterruptedException, ExecutionException {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      RecordMetadata m =
          producer
              .send(
                  new ProducerRecord<>(
                      rulesTopic,
                      ("version " + book.version()).getBytes(StandardCharsets.UTF_8),
                      yaml.getBytes(StandardCharsets.UTF_8)))
              .get();
      return new Published(m.partition(), m.offset());
    }
  }

  /**
   * Waits up to {@code timeout} for the job's committed answer to one published file ({@code
   * {version, status…}}).
   */
  public Optional<String> awaitAnswer(String answersTopic, Published published, Duration timeout) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrapServers);
    p.put("isolation.level", "read_committed");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      consumer
          .partitionsFor(answersTopic, timeout)
          .forEach(i -> parts.add(new TopicPartition(answersTopic, i.partition())));
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          if (published.answerKey().equals(r.key())) {
            return Optional.ofNullable(r.value());
          }
        }
      }
      return Optional.empty();
    }
  }
}

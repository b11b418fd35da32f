package org.fanzha.flink.io;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.fanzha.core.stream.StreamTopics;

/**
 * Takes each Kafka record's value as one NDJSON event, as one rule file for the rules topic, or as
 * one question for the queries topic, placed by partition and offset + 1; an empty value is
 * skipped. An event with the {@link StreamTopics#REPLY_HEADER} header carries its correlation id
 * on; a question without one is skipped (nobody would read the answer).
 */
public final class KafkaLines implements KafkaRecordDeserializationSchema<RawLine> {
  private static final long serialVersionUID = 1L;

  private enum Topic {
    EVENTS,
    RULES,
    QUERIES
  }

  private final Topic topic;

  private KafkaLines(Topic topic) {
    this.topic = topic;
  }

  /** Records of the events topic. */
  public static KafkaLines events() {
    return new KafkaLines(Topic.EVENTS);
  }

  /** Records of the rules topic. */
  public static KafkaLines ruleFiles() {
    return new KafkaLines(Topic.RULES);
  }

  /** Records of the queries topic. */
  public static KafkaLines queries() {
    return new KafkaLines(Topic.QUERIES);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawLine> out) {
    byte[] value = record.value();
    if (value == null || value.length == 0) {
      return;
    }
    long line = record.offset() + 1;
    Header header = record.headers().lastHeader(StreamTopics.REPLY_HEADER);
    String replyTo =
        header == null || header.value() == null
            ? null
            : new String(header.value(), StandardCharsets.UTF_8);
    switch (topic) {
      case RULES -> out.collect(RawLine.ruleFile(record.partition(), line, value));
      case QUERIES -> {
        if (replyTo != null) {
          out.collect(RawLine.query(record.partition(), line, value, replyTo));
        }
      }
      case EVENTS -> {
        RawLine event = new RawLine(record.partition(), line, value);
        event.replyTo = replyTo;
        out.collect(event);
      }
    }
  }

  @Override
  public TypeInformation<RawLine> getProducedType() {
    return TypeInformation.of(RawLine.class);
  }
}

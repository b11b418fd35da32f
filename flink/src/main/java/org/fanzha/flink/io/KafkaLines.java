package org.fanzha.flink.io;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.fanzha.core.stream.StreamTopics;

/**
 * Takes each Kafka record's value as one NDJSON event, or as one rule file for the rules topic,
 * placed by partition and offset + 1; an empty value is skipped. An event with the {@link
 * StreamTopics#REPLY_HEADER} header carries its correlation id on.
 */
public final class KafkaLines implements KafkaRecordDeserializationSchema<RawLine> {
  private static final long serialVersionUID = 1L;

  private final boolean ruleFiles;

  private KafkaLines(boolean ruleFiles) {
    this.ruleFiles = ruleFiles;
  }

  /** Records of the events topic. */
  public static KafkaLines events() {
    return new KafkaLines(false);
  }

  /** Records of the rules topic. */
  public static KafkaLines ruleFiles() {
    return new KafkaLines(true);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawLine> out) {
    byte[] value = record.value();
    if (value != null && value.length > 0) {
      if (ruleFiles) {
        out.collect(RawLine.ruleFile(record.partition(), record.offset() + 1, value));
        return;
      }
      RawLine line = new RawLine(record.partition(), record.offset() + 1, value);
      Header reply = record.headers().lastHeader(StreamTopics.REPLY_HEADER);
      if (reply != null && reply.value() != null) {
        line.replyTo = new String(reply.value(), StandardCharsets.UTF_8);
      }
      out.collect(line);
    }
  }

  @Override
  public TypeInformation<RawLine> getProducedType() {
    return TypeInformation.of(RawLine.class);
  }
}

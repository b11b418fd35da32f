package org.fanzha.flink.io;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Takes each Kafka record's value as one NDJSON line, placed by partition and offset + 1; an empty value is skipped. */
public final class KafkaLines implements KafkaRecordDeserializationSchema<RawLine> {
  private static final long serialVersionUID = 1L;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawLine> out) {
    byte[] value = record.value();
    if (value != null && value.length > 0) {
      out.collect(new RawLine(record.partition(), record.offset() + 1, value));
    }
  }

  @Override
  public TypeInformation<RawLine> getProducedType() {
    return TypeInformation.of(RawLine.class);
  }
}

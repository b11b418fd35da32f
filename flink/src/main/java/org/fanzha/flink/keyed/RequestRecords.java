package org.fanzha.flink.keyed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Requests ({@link Hop#REQUEST}) as records of the streaming keyed job's feedback topic (decision
 * 0023): keyed by the key they go to, so one key's requests stay in order in one partition; the
 * value is the stage, the event that caused it and the request's bytes ({@link HopCodec#request}).
 */
final class RequestRecords
    implements KafkaRecordSerializationSchema<Hop>,
        KafkaRecordDeserializationSchema<Hop>,
        KafkaDatasetFacetProvider {
  private static final long serialVersionUID = 1L;

  private final String topic;

  RequestRecords(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      Hop h, KafkaSinkContext context, @Nullable Long timestamp) {
    return new ProducerRecord<>(
        topic, h.key.getBytes(StandardCharsets.UTF_8), HopCodec.feedback(h));
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Hop> out)
      throws IOException {
    out.collect(
        HopCodec.feedback(new String(record.key(), StandardCharsets.UTF_8), record.value()));
  }

  @Override
  public TypeInformation<Hop> getProducedType() {
    return TypeInformation.of(Hop.class);
  }

  /**
   * Names the topic written, which the sink's pooled transactions need to find open ones on
   * recovery.
   */
  @Override
  public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
    return Optional.of(
        new DefaultKafkaDatasetFacet(DefaultKafkaDatasetIdentifier.ofTopics(List.of(topic))));
  }
}

package org.fanzha.flink.io;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.DefaultKafkaDatasetIdentifier;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacet;
import org.apache.flink.connector.kafka.lineage.KafkaDatasetFacetProvider;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.fanzha.core.stream.StreamTopics;
import org.jspecify.annotations.Nullable;

/**
 * Routes each output to its topic ({@link StreamTopics}), keyed so that one entity's records stay
 * in one partition and the entities topic can be compacted. Summaries belong to bounded runs and
 * are not written.
 */
public final class OutputTopics
    implements KafkaRecordSerializationSchema<Output>, KafkaDatasetFacetProvider, Serializable {
  private static final long serialVersionUID = 1L;

  private final EnumMap<OutputKind, String> topics = new EnumMap<>(OutputKind.class);

  /**
   * Writes decisions, warnings, entity risks, refusals and rule answers (the checkpointed outputs).
   */
  public static OutputTopics committed(StreamTopics names) {
    OutputTopics t = new OutputTopics();
    t.topics.put(OutputKind.DECISION, names.decisions());
    t.topics.put(OutputKind.WARNING, names.warnings());
    t.topics.put(OutputKind.ENTITY, names.entities());
    t.topics.put(OutputKind.REJECTION, names.rejections());
    t.topics.put(OutputKind.RULES, names.rulesApplied());
    return t;
  }

  /** Writes the answers to events that asked for one. */
  public static OutputTopics replies(StreamTopics names) {
    OutputTopics t = new OutputTopics();
    t.topics.put(OutputKind.REPLY, names.replies());
    return t;
  }

  private OutputTopics() {}

  /** Returns the topic of each kind that is written. */
  public Map<OutputKind, String> topics() {
    return Map.copyOf(topics);
  }

  /**
   * Names the topics written, which the sink's pooled transactions need to find open ones on
   * recovery.
   */
  @Override
  public Optional<KafkaDatasetFacet> getKafkaDatasetFacet() {
    return Optional.of(
        new DefaultKafkaDatasetFacet(
            DefaultKafkaDatasetIdentifier.ofTopics(List.copyOf(topics.values()))));
  }

  @Override
  public @Nullable ProducerRecord<byte[], byte[]> serialize(
      Output o, KafkaSinkContext context, @Nullable Long timestamp) {
    String topic = topics.get(o.kind);
    if (topic == null) {
      return null;
    }
    return new ProducerRecord<>(topic, o.key.getBytes(StandardCharsets.UTF_8), o.json);
  }
}

package org.fanzha.server.runner.kafka;

import java.time.Duration;
import org.fanzha.core.stream.StreamTopics;

/**
 * Where the Flink job's Kafka is and how long the server waits for it.
 *
 * @param bootstrapServers Kafka's {@code host:port} list ({@code fanzha.kafka.bootstrap-servers})
 * @param topics the job's topics ({@code fanzha.kafka.input-topic}, {@code rules-topic}, {@code topic-prefix})
 * @param decideTimeout how long a decide waits for the job's answer before it is answered 503
 * @param rulesTimeout how long publishing a rule set waits for the job to adopt it (a checkpoint commits the answer)
 */
public record KafkaSettings(String bootstrapServers, StreamTopics topics, Duration decideTimeout, Duration rulesTimeout) {

  public KafkaSettings {
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("fanzha.kafka.bootstrap-servers: required when fanzha.runner=flink");
    }
  }
}

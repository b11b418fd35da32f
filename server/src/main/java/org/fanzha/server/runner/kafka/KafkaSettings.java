package org.fanzha.server.runner.kafka;

import java.time.Duration;
import org.fanzha.core.stream.StreamTopics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the Flink job's Kafka is and how long the server waits for it ({@code fanzha.kafka.*}, read
 * when {@code fanzha.runner=flink}).
 *
 * @param bootstrapServers Kafka's {@code host:port} list; required in distributed mode
 * @param inputTopic the job's {@code --input-topic}
 * @param rulesTopic the job's {@code --rules-topic}
 * @param topicPrefix the job's {@code --topic-prefix}
 * @param decideTimeout how long a decide waits for the job's answer before it is answered 503
 * @param rulesTimeout how long publishing a rule set waits for the job to adopt it (a checkpoint
 *     commits the answer)
 */
@ConfigurationProperties("fanzha.kafka")
public record KafkaSettings(
    @DefaultValue("") String bootstrapServers,
    @DefaultValue(StreamTopics.DEFAULT_INPUT) String inputTopic,
    @DefaultValue(StreamTopics.DEFAULT_RULES) String rulesTopic,
    @DefaultValue(StreamTopics.DEFAULT_PREFIX) String topicPrefix,
    @DefaultValue("PT2S") Duration decideTimeout,
    @DefaultValue("PT60S") Duration rulesTimeout) {

  /** The topics, as the job names them. */
  public StreamTopics topics() {
    return new StreamTopics(inputTopic, rulesTopic, topicPrefix);
  }

  /**
   * Returns these settings when they name a Kafka.
   *
   * @throws IllegalArgumentException naming the missing setting
   */
  public KafkaSettings required() {
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "fanzha.kafka.bootstrap-servers: required when fanzha.runner=flink");
    }
    if (decideTimeout.isNegative() || decideTimeout.isZero()) {
      throw new IllegalArgumentException(
          "fanzha.kafka.decide-timeout: must be positive, not " + decideTimeout);
    }
    return this;
  }
}

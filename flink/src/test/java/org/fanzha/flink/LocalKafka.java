package org.fanzha.flink;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.fanzha.core.stream.StreamTopics;

/**
 * A one-node Kafka broker for trying distributed mode on one machine without a Kafka installation
 * or Docker: starts {@link KafkaBroker}, creates the default topics ({@link
 * StreamTopics#defaults()}), prints the bootstrap address and runs until killed. Partitions: {@code
 * args[0]} for the events topic (default 2), one for the others.
 */
public final class LocalKafka {
  private LocalKafka() {}

  public static void main(String[] args) throws Exception {
    int partitions = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    StreamTopics t = StreamTopics.defaults();
    KafkaBroker kafka = KafkaBroker.start();
    kafka.createTopics(partitions, List.of(t.input()));
    kafka.createTopics(
        1,
        List.of(
            t.rules(),
            t.decisions(),
            t.warnings(),
            t.entities(),
            t.rejections(),
            t.rulesApplied(),
            t.replies()));
    System.out.println("kafka ready: " + kafka.bootstrapServers());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    kafka.close();
                  } catch (Exception e) {
                    e.printStackTrace();
                  }
                }));
    new CountDownLatch(1).await();
  }
}

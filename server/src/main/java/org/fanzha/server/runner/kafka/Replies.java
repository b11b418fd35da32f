package org.fanzha.server.runner.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The job's answers to decide requests, matched to the waiting callers by correlation id. Read from
 * the replies topic's end (answers to earlier requests have nobody waiting) and uncommitted: the
 * job writes them outside its checkpoint transactions so a caller need not wait for one.
 */
final class Replies extends TopicFollower {
  private final Map<String, CompletableFuture<byte[]>> waiting = new ConcurrentHashMap<>();

  Replies(KafkaSettings settings) {
    super(
        "replies",
        settings.bootstrapServers(),
        false,
        Map.of(settings.topics().replies(), FROM_END),
        Duration.ofSeconds(30));
  }

  /** Registers a caller before its request is sent; the future completes with the answer's JSON. */
  CompletableFuture<byte[]> expect(String correlationId) {
    CompletableFuture<byte[]> f = new CompletableFuture<>();
    waiting.put(correlationId, f);
    return f;
  }

  /** Stops waiting for an answer (the caller gave up). */
  void forget(String correlationId) {
    waiting.remove(correlationId);
  }

  @Override
  void accept(ConsumerRecord<byte[], byte[]> r) {
    if (r.key() == null || r.value() == null) {
      return;
    }
    CompletableFuture<byte[]> f = waiting.remove(new String(r.key(), StandardCharsets.UTF_8));
    if (f != null) {
      f.complete(
          r.value()); // an answer repeated after the job's restore finds nobody waiting, and is
      // dropped
    }
  }
}

package org.fanzha.server.runner.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.stream.StreamTopics;
import org.fanzha.engine.Decision;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.Level;
import org.fanzha.engine.Warning;
import org.fanzha.server.runner.WarningListener;
import org.fanzha.server.system.RecentWindow;

/**
 * What the console and the APIs read in distributed mode, kept from the job's committed topics: the
 * entity risks (the whole compacted changelog, read from its beginning), the latest decisions and
 * warnings, and the job's answers to rule files.
 */
final class TopicViews extends TopicFollower {
  static final int RECENT_DECISIONS = 20_000;
  static final int RECENT_WARNINGS = 200;
  private static final int RECENT_RULE_ANSWERS = 64;

  private final StreamTopics topics;
  private final Map<String, EntityRisk> entities = new ConcurrentHashMap<>();
  private final RecentWindow<String, Decision> decisions = new RecentWindow<>(RECENT_DECISIONS);
  private final Deque<Warning> warnings = new ArrayDeque<>(); // guarded by itself, newest first
  private final AtomicLongArray byLevel = new AtomicLongArray(Level.values().length);
  private final AtomicLong warningsRead = new AtomicLong();
  private final Map<String, String> ruleAnswers = new LinkedHashMap<>(); // guarded by ruleWaiters
  private final Map<String, CompletableFuture<String>> ruleWaiters = new ConcurrentHashMap<>();

  private final List<WarningListener> warningListeners;

  TopicViews(KafkaSettings settings, List<WarningListener> warningListeners) {
    super(
        "views",
        settings.bootstrapServers(),
        true,
        Map.of(
            settings.topics().entities(), FROM_BEGINNING,
            settings.topics().decisions(), (long) RECENT_DECISIONS,
            settings.topics().warnings(),
                FROM_BEGINNING, // every warning still kept: the desk skips those it has
            settings.topics().rulesApplied(), FROM_END),
        Duration.ofSeconds(30));
    this.topics = settings.topics();
    this.warningListeners = List.copyOf(warningListeners);
  }

  @Override
  void accept(ConsumerRecord<byte[], byte[]> r) {
    String topic = r.topic();
    if (topic.equals(topics.entities())) {
      String key = new String(r.key(), StandardCharsets.UTF_8);
      if (r.value() == null) {
        entities.remove(key);
      } else {
        entities.put(key, ResultJson.entity(ResultJson.tree(r.value())));
      }
    } else if (topic.equals(topics.decisions())) {
      Decision d = ResultJson.decision(ResultJson.tree(r.value()));
      byLevel.incrementAndGet(d.level().ordinal());
      decisions.put(d.eventId(), d);
    } else if (topic.equals(topics.warnings())) {
      Warning w = ResultJson.warning(ResultJson.tree(r.value()));
      warningsRead.incrementAndGet();
      warningListeners.forEach(l -> l.raised(w));
      synchronized (warnings) {
        warnings.addFirst(w);
        if (warnings.size() > RECENT_WARNINGS) {
          warnings.removeLast();
        }
      }
    } else if (topic.equals(topics.rulesApplied())) {
      String key = new String(r.key(), StandardCharsets.UTF_8);
      String answer = new String(r.value(), StandardCharsets.UTF_8);
      synchronized (ruleWaiters) {
        ruleAnswers.put(key, answer);
        if (ruleAnswers.size() > RECENT_RULE_ANSWERS) {
          ruleAnswers.remove(ruleAnswers.keySet().iterator().next());
        }
        CompletableFuture<String> waiter = ruleWaiters.remove(key);
        if (waiter != null) {
          waiter.complete(answer);
        }
      }
    }
  }

  /**
   * The job's answer to the rule file published at {@code key} ({@code partition:offset+1}), once
   * it is committed.
   */
  CompletableFuture<String> ruleAnswer(String key) {
    synchronized (ruleWaiters) {
      String known = ruleAnswers.get(key);
      if (known != null) {
        return CompletableFuture.completedFuture(known);
      }
      return ruleWaiters.computeIfAbsent(key, k -> new CompletableFuture<>());
    }
  }

  void forget(String ruleAnswerKey) {
    ruleWaiters.remove(ruleAnswerKey);
  }

  Optional<EntityRisk> entity(EntityKind kind, String id) {
    return Optional.ofNullable(entities.get(kind.wireName() + ":" + id));
  }

  /**
   * The highest held scores; a scan of the entities with a risk, which the console asks for every
   * few seconds.
   */
  List<EntityRisk> riskiest(int limit) {
    Comparator<EntityRisk> byScore = Comparator.comparingInt(EntityRisk::score);
    return entities.values().stream()
        .sorted(byScore.reversed().thenComparing(EntityRisk::entity))
        .limit(limit)
        .toList();
  }

  Optional<Decision> recentDecision(String eventId) {
    return decisions.get(eventId);
  }

  List<Warning> recentWarnings(int limit) {
    synchronized (warnings) {
      List<Warning> out = new ArrayList<>(Math.min(limit, warnings.size()));
      for (Warning w : warnings) {
        if (out.size() == limit) {
          break;
        }
        out.add(w);
      }
      return out;
    }
  }

  /** Decisions read by level since the server started (those of the start-up window included). */
  long decisions(Level level) {
    return byLevel.get(level.ordinal());
  }

  long warningsRead() {
    return warningsRead.get();
  }
}

package org.fanzha.server.runner;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.engine.Decision;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.Warning;
import org.fanzha.engine.model.EntityModel;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.subscriber.SubscriberScore;

/**
 * Where the server's accepted events are scored, and what it reads back: the engine in this process
 * ({@link EmbeddedRunner}, {@code fanzha.runner=embedded}) or the Flink job on Kafka ({@code
 * KafkaRunner}, {@code fanzha.runner=flink}). Either way every accepted event is journaled in the
 * server's store first-hand.
 */
public interface Runner extends AutoCloseable {

  /**
   * Recovers what the runner needs (the engine, the journal's listeners, the topics' views);
   * returns when ready.
   */
  void start();

  /**
   * Journals events and has them scored. The future completes with one item per event once they are
   * journaled: with the embedded runner also decided; with the Flink job handed to Kafka, their
   * decisions following on its topics.
   *
   * @throws java.util.concurrent.RejectedExecutionException when the runner cannot take them now
   */
  CompletableFuture<Outcome> submit(List<? extends Event> events);

  /**
   * Journals one event (a transfer, a call or a message) and completes with its decision, scored
   * with everything the runner saw before it (a duplicate's item has no decision; look for it with
   * {@link #recentDecision}).
   *
   * @throws java.util.concurrent.RejectedExecutionException when the runner cannot take it now
   */
  CompletableFuture<Outcome> decide(Event event);

  /** Returns the decision taken for a recently decided event, if it is still remembered. */
  Optional<Decision> recentDecision(String eventId);

  /**
   * Returns up to {@code limit} of the recent openings answered delay or hold (past a card limit, a
   * burst of openings, a dealer), newest first; empty when the runner keeps no decisions here.
   */
  default List<Decision> recentStoppedOpenings(int limit) {
    return List.of();
  }

  /** Returns up to {@code limit} most recent early warnings, newest first. */
  List<Warning> recentWarnings(int limit);

  /** Returns the risk held for an entity, if any. */
  Optional<EntityRisk> entity(EntityKind kind, String id);

  /**
   * Returns the trained model's opinion of a phone or an account as its features stand now, with
   * the inputs that moved it most; empty when no model covers the kind, the entity is unknown, or
   * the model runs elsewhere (the Flink job).
   */
  default Optional<ModelOpinion> modelOpinion(EntityKind kind, String id) {
    return Optional.empty();
  }

  /**
   * Returns the subscriber score (在网积分) of a number as its features stand now; empty when the
   * number is unknown.
   *
   * @throws java.util.concurrent.RejectedExecutionException when the runner cannot answer now (the
   *     Flink job, which keeps the features, did not answer in time)
   */
  Optional<SubscriberScore> subscriber(String phone);

  /**
   * A model's opinion: its version, the probability it gives, and the inputs that moved it most
   * (TreeSHAP).
   */
  record ModelOpinion(String version, double score, List<EntityModel.Contribution> reasons) {}

  /** Returns up to {@code limit} entities with the highest held scores, highest first. */
  List<EntityRisk> riskiest(int limit);

  /**
   * Returns how often each rule code fired since the runner started (empty when the runner does not
   * count).
   */
  Map<String, Long> ruleHits();

  /** Returns the rule book events are scored with now. */
  RuleBook rules();

  /**
   * Scores every later event with {@code book}, whose rule file text is {@code source}; returns
   * once it is in force.
   *
   * @throws IllegalArgumentException when the engine cannot adopt the book; the rules in force are
   *     then unchanged
   */
  void useRules(RuleBook book, String source);

  /**
   * Starts scoring every later event with {@code book} as well, without acting on its decisions.
   *
   * @throws UnsupportedOperationException when this runner cannot run a shadow
   */
  void startShadow(long version, RuleBook book);

  /** Stops the shadow run, if any. */
  void stopShadow();

  /** Returns the statistics of the shadow run of {@code version}, if it is the one running. */
  Optional<ShadowStats> shadowStats(long version);

  /** Returns the version in shadow, if one is running. */
  Optional<Long> shadowVersion();

  /** Returns the counters now. */
  RunnerStats stats();

  /** Returns whether the runner takes events and its results arrive. */
  boolean isRunning();

  @Override
  void close();
}

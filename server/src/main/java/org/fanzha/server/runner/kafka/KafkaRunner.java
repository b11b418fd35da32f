package org.fanzha.server.runner.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.ClosingEvent;
import org.fanzha.core.event.DeviceEvent;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.ListingEvent;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.core.stream.StreamTopics;
import org.fanzha.engine.Decision;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.Level;
import org.fanzha.engine.Warning;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.subscriber.SubscriberScore;
import org.fanzha.server.runner.JournalIndexer;
import org.fanzha.server.runner.JournalListener;
import org.fanzha.server.runner.JournalListeners;
import org.fanzha.server.runner.Outcome;
import org.fanzha.server.runner.Runner;
import org.fanzha.server.runner.RunnerStats;
import org.fanzha.server.runner.ShadowStats;
import org.fanzha.server.runner.WarningListener;
import org.fanzha.store.AppendResult;
import org.fanzha.store.Database;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The server in distributed mode: the Flink job scores, this runner feeds it and reads its results
 * (decision 0012).
 *
 * <p>An accepted submission is first sent to the job's input topic (acknowledged by all in-sync
 * replicas), then journaled in the server's store: a failure in between is answered 503, and the
 * resend that follows is skipped by the job's dedupe (within its window of event time), so nothing
 * accepted is lost. A decide already journaled is not sent again: its committed decision answers
 * it. A decide sends the event with a correlation id and waits for the job's answer on the replies
 * topic; no answer in time is a 503 with retry advice. A subscriber score is asked of the job the
 * same way, on the queries topic: the features it is made of live there. Decisions, warnings and
 * entity risks are read from the job's committed topics ({@link TopicViews}).
 */
public final class KafkaRunner implements Runner {
  private static final Logger log = LoggerFactory.getLogger(KafkaRunner.class);

  /**
   * How long after it was sent a decision may still be on its way to the committed decisions topic.
   */
  private static final java.time.Duration PENDING_COMMIT = java.time.Duration.ofMinutes(2);

  private final Database db;
  private final KafkaSettings settings;
  private final JournalListeners listeners;
  private final EventCodec codec = new EventCodec();

  /** Journal order is the order listeners see; one submission journals at a time. */
  private final ReentrantLock journalLock = new ReentrantLock();

  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private volatile long lastSeq;
  private volatile RuleBook book;
  private @Nullable KafkaProducer<byte[], byte[]> producer;
  private @Nullable TopicViews views;
  private @Nullable Replies replies;

  private final List<WarningListener> warningListeners;

  public KafkaRunner(
      Database db,
      RuleBook startRules,
      KafkaSettings settings,
      List<JournalListener> listeners,
      List<WarningListener> warningListeners) {
    this.warningListeners = List.copyOf(warningListeners);
    this.db = db;
    this.settings = settings;
    this.book = startRules;
    this.listeners = new JournalListeners(listeners);
    this.indexer = new JournalIndexer(db.journal());
  }

  /** Keeps the per-entity index up with what this server journals (look-ups only read it). */
  private final JournalIndexer indexer;

  @Override
  public synchronized void start() {
    if (producer != null) {
      return;
    }
    lastSeq = db.journal().lastSeq();
    listeners.catchUp(db.journal(), lastSeq);
    Properties p = new Properties();
    p.put("bootstrap.servers", settings.bootstrapServers());
    p.put("acks", "all");
    p.put("enable.idempotence", "true");
    p.put("linger.ms", "1");
    p.put("client.id", "fanzha-server-intake");
    // a broker that is away fails a submission in seconds (503), instead of holding the caller for
    // Kafka's minutes
    long waitMs = Math.max(2000, settings.decideTimeout().toMillis());
    p.put("max.block.ms", String.valueOf(waitMs));
    p.put("request.timeout.ms", String.valueOf(waitMs));
    p.put("delivery.timeout.ms", String.valueOf(waitMs + 1000));
    replies = new Replies(settings);
    views = new TopicViews(settings, warningListeners);
    producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    replies.start();
    views.start();
    indexer.start();
    log.info(
        "Distributed mode: events to {} at {}, results from {}*",
        settings.topics().input(),
        settings.bootstrapServers(),
        settings.topics().prefix());
  }

  @Override
  public CompletableFuture<Outcome> submit(List<? extends Event> events) {
    if (events.isEmpty()) {
      return CompletableFuture.completedFuture(new Outcome(List.of()));
    }
    try {
      send(events, null);
      return CompletableFuture.completedFuture(journal(events));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<Outcome> decide(Event event) {
    Optional<org.fanzha.store.JournalEntry> before = db.journal().find(event.id());
    if (before.isPresent()) {
      // sent before: not again (the job would only say "duplicate"); its decision, once the job has
      // committed it
      Optional<Decision> earlier = running(views).recentDecision(event.id());
      boolean recent =
          before.get().receivedAt().isAfter(java.time.Instant.now().minus(PENDING_COMMIT));
      if (earlier.isEmpty() && recent) {
        return CompletableFuture.failedFuture(
            new TimeoutException(
                "event "
                    + event.id()
                    + " was scored moments ago; its decision is not committed yet"));
      }
      return CompletableFuture.completedFuture(
          new Outcome(List.of(new Outcome.Item(event.id(), 0, earlier.orElse(null)))));
    }
    Replies r = running(replies);
    String correlationId = UUID.randomUUID().toString();
    CompletableFuture<byte[]> answer = r.expect(correlationId);
    Outcome journaled;
    try {
      send(List.of(event), correlationId);
      journaled = journal(List.of(event));
    } catch (RuntimeException e) {
      r.forget(correlationId);
      return CompletableFuture.failedFuture(e);
    }
    long seq = journaled.items().get(0).seq();
    long waitMs = settings.decideTimeout().toMillis();
    return answer
        .orTimeout(waitMs, TimeUnit.MILLISECONDS)
        .handle(
            (json, failure) -> {
              if (failure != null) {
                r.forget(correlationId);
                throw new java.util.concurrent.CompletionException(
                    failure instanceof TimeoutException
                        ? new TimeoutException(
                            "no answer from the Flink job within " + waitMs + " ms")
                        : failure);
              }
              return new Outcome(
                  List.of(new Outcome.Item(event.id(), seq, answered(event, seq, json))));
            });
  }

  /** The decision in the job's answer; for an event the job had seen, the decision it took then. */
  private @Nullable Decision answered(Event event, long seq, byte[] json) {
    JsonNode n = ResultJson.tree(json);
    String status = n.path("status").asString();
    switch (status) {
      case "decided":
        return ResultJson.decision(n.path("decision"));
      case "duplicate":
        if (seq == 0) {
          return null; // a duplicate for the journal too: the caller looks for the earlier decision
        }
        // sent before but not journaled (a failure in between): the job's earlier decision, once it
        // is committed
        return running(views)
            .recentDecision(event.id())
            .orElseThrow(
                () ->
                    new java.util.concurrent.CompletionException(
                        new TimeoutException(
                            "event "
                                + event.id()
                                + " was scored before; its decision is not committed yet")));
      default:
        throw new IllegalStateException(
            "the Flink job did not decide event " + event.id() + ": " + n);
    }
  }

  /** Sends the events to the input topic and waits until every one is acknowledged. */
  private void send(List<? extends Event> events, @Nullable String correlationId) {
    KafkaProducer<byte[], byte[]> out = running(producer);
    List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
    try {
      for (Event e : events) {
        ProducerRecord<byte[], byte[]> record =
            new ProducerRecord<>(
                settings.topics().input(),
                partitionKey(e).getBytes(StandardCharsets.UTF_8),
                codec.write(e).getBytes(StandardCharsets.UTF_8));
        if (correlationId != null) {
          record
              .headers()
              .add(StreamTopics.REPLY_HEADER, correlationId.getBytes(StandardCharsets.UTF_8));
        }
        sent.add(out.send(record));
      }
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
    } catch (ExecutionException | org.apache.kafka.common.KafkaException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new RejectedExecutionException(
          "Kafka did not take the events ("
              + cause.getClass().getSimpleName()
              + ": "
              + cause.getMessage()
              + ")",
          cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RejectedExecutionException("interrupted while sending to Kafka", e);
    }
  }

  /**
   * Keeps each person's events in one partition, in the order sent: the person a fraud would reach
   * (the callee of a call, the receiver of an SMS, the subscriber of a handset signal, the payer's
   * phone or account of a transfer), so a victim's call, screen share and payment reach the job in
   * that order whatever the partition count (decision 0012). Openings and closings go by holder,
   * labels and listings by the entity, reports by reporter.
   */
  static String partitionKey(Event e) {
    if (e instanceof CallEvent c) {
      return c.callee();
    } else if (e instanceof SmsEvent s) {
      return s.receiver();
    } else if (e instanceof DeviceEvent d) {
      return d.subscriber();
    } else if (e instanceof TransferEvent t) {
      return t.fromPhone() != null ? t.fromPhone() : t.from();
    } else if (e instanceof OpeningEvent o) {
      return o.holder();
    } else if (e instanceof ClosingEvent c) {
      return c.holder();
    } else if (e instanceof LabelEvent l) {
      return l.entity();
    } else if (e instanceof ListingEvent l) {
      return l.entity();
    } else if (e instanceof ReportEvent r && r.reporter() != null) {
      return r.reporter();
    }
    return e.id();
  }

  private Outcome journal(List<? extends Event> events) {
    journalLock.lock();
    try {
      AppendResult appended = db.journal().append(events);
      List<Outcome.Item> items = new ArrayList<>(events.size());
      for (int i = 0; i < events.size(); i++) {
        long seq = appended.seq(i);
        items.add(new Outcome.Item(events.get(i).id(), seq, null));
        if (seq != 0) {
          listeners.journaled(seq, events.get(i));
          lastSeq = Math.max(lastSeq, seq);
        }
      }
      accepted.addAndGet(appended.appended());
      duplicates.addAndGet(appended.duplicates());
      return new Outcome(items);
    } finally {
      journalLock.unlock();
    }
  }

  @Override
  public Optional<Decision> recentDecision(String eventId) {
    return running(views).recentDecision(eventId);
  }

  @Override
  public List<Warning> recentWarnings(int limit) {
    return running(views).recentWarnings(limit);
  }

  @Override
  public Optional<EntityRisk> entity(EntityKind kind, String id) {
    return running(views).entity(kind, id);
  }

  /**
   * Asks the job for the number's score on the queries topic and waits for its answer, as long as
   * for a decision.
   *
   * @throws RejectedExecutionException when Kafka does not take the question or the job does not
   *     answer in time
   */
  @Override
  public Optional<SubscriberScore> subscriber(String phone) {
    Replies r = running(replies);
    String correlationId = UUID.randomUUID().toString();
    CompletableFuture<byte[]> answer = r.expect(correlationId);
    long waitMs = settings.decideTimeout().toMillis();
    try {
      ProducerRecord<byte[], byte[]> question =
          new ProducerRecord<>(
              settings.topics().queries(),
              phone.getBytes(StandardCharsets.UTF_8),
              ("{\"" + StreamTopics.SUBSCRIBER_QUERY + "\":\"" + phone + "\"}")
                  .getBytes(StandardCharsets.UTF_8));
      question
          .headers()
          .add(StreamTopics.REPLY_HEADER, correlationId.getBytes(StandardCharsets.UTF_8));
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
      running(producer).send(question).get(waitMs, TimeUnit.MILLISECONDS);
      byte[] json = answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return score(phone, json);
    } catch (TimeoutException e) {
      throw new RejectedExecutionException(
          "no answer from the Flink job within " + waitMs + " ms to a subscriber score", e);
    } catch (ExecutionException | org.apache.kafka.common.KafkaException e) {
      Throwable cause = e instanceof ExecutionException ? causeOf((ExecutionException) e) : e;
      throw new RejectedExecutionException(
          "Kafka did not take the question (" + cause.getMessage() + ")", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RejectedExecutionException("interrupted while waiting for the Flink job", e);
    } finally {
      r.forget(correlationId);
    }
  }

  /**
   * The score in the job's answer; an answer that is not one (refused, or unreadable: a job of
   * another version) means the score cannot be had now, as when none comes.
   */
  private static Optional<SubscriberScore> score(String phone, byte[] json) {
    JsonNode n;
    try {
      n = ResultJson.tree(json);
      switch (n.path("status").asString()) {
        case "scored":
          return Optional.of(ResultJson.subscriber(n.path("subscriber")));
        case "unknown":
          return Optional.empty();
        default:
          break;
      }
    } catch (RuntimeException e) {
      throw new RejectedExecutionException(
          "the Flink job's answer for " + phone + " could not be read (" + e.getMessage() + ")", e);
    }
    throw new RejectedExecutionException("the Flink job did not score " + phone + ": " + n);
  }

  @Override
  public List<EntityRisk> riskiest(int limit) {
    return running(views).riskiest(limit);
  }

  /** The job counts rule hits in its own metrics; the server does not see them. */
  @Override
  public Map<String, Long> ruleHits() {
    return Map.of();
  }

  @Override
  public RuleBook rules() {
    return book;
  }

  /** Publishes the rule file to the rules topic and waits for the job's committed answer. */
  @Override
  public void useRules(RuleBook next, String source) {
    TopicViews v = running(views);
    RecordMetadata m;
    try {
      m =
          running(producer)
              .send(
                  new ProducerRecord<>(
                      settings.topics().rules(),
                      ("version " + next.version()).getBytes(StandardCharsets.UTF_8),
                      source.getBytes(StandardCharsets.UTF_8)))
              .get();
    } catch (ExecutionException e) {
      throw new IllegalArgumentException(
          "the rules topic did not take the file: " + causeOf(e).getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalArgumentException("interrupted while publishing", e);
    }
    String key = m.partition() + ":" + (m.offset() + 1);
    String answer;
    try {
      answer = v.ruleAnswer(key).get(settings.rulesTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      v.forget(key);
      throw new IllegalArgumentException(
          "published, but the Flink job did not answer within "
              + settings.rulesTimeout()
              + "; it adopts the file when it reads it (see "
              + settings.topics().rulesApplied()
              + ")",
          e);
    } catch (ExecutionException e) {
      throw new IllegalArgumentException(causeOf(e).getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalArgumentException("interrupted while waiting for the job", e);
    }
    JsonNode n = ResultJson.tree(answer.getBytes(StandardCharsets.UTF_8));
    if (!"adopted".equals(n.path("status").asString())) {
      throw new IllegalArgumentException(
          "the Flink job refused it: " + n.path("problems").asString());
    }
    book = next;
  }

  @Override
  public void startShadow(long version, RuleBook shadowBook) {
    throw new UnsupportedOperationException(
        "a shadow run needs the embedded runner; with fanzha.runner=flink, "
            + "back-test the version on a recorded file instead");
  }

  @Override
  public void stopShadow() {
    // no shadow runs in distributed mode
  }

  @Override
  public Optional<ShadowStats> shadowStats(long version) {
    return Optional.empty();
  }

  @Override
  public Optional<Long> shadowVersion() {
    return Optional.empty();
  }

  /**
   * Events journaled and handed to the job, duplicates refused by the journal, and the job's
   * results read back.
   */
  @Override
  public RunnerStats stats() {
    Map<Level, Long> levels = new EnumMap<>(Level.class);
    TopicViews v = views;
    for (Level l : Level.values()) {
      levels.put(l, v == null ? 0 : v.decisions(l));
    }
    return new RunnerStats(
        accepted.get(),
        duplicates.get(),
        levels,
        v == null ? 0 : v.warningsRead(),
        0,
        lastSeq,
        0,
        0,
        0,
        0,
        0,
        0);
  }

  @Override
  public boolean isRunning() {
    TopicViews v = views;
    Replies r = replies;
    return producer != null && v != null && v.alive() && r != null && r.alive();
  }

  @Override
  public synchronized void close() {
    indexer.shutdown();
    if (views != null) {
      views.close();
    }
    if (replies != null) {
      replies.close();
    }
    if (producer != null) {
      producer.close(java.time.Duration.ofSeconds(5));
    }
  }

  private static <T> T running(@Nullable T part) {
    if (part == null) {
      throw new RejectedExecutionException("the Kafka runner has not started");
    }
    return part;
  }

  /**
   * The failure an {@link ExecutionException} wraps, or the exception itself when it wraps none.
   */
  private static Throwable causeOf(ExecutionException e) {
    return e.getCause() != null ? e.getCause() : e;
  }
}

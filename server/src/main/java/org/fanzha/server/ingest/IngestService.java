package org.fanzha.server.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.codec.ParseResult;
import org.fanzha.core.codec.Rejection;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.ListingEvent;
import org.fanzha.core.time.EventTimeWindow;
import org.fanzha.server.runner.Outcome;
import org.fanzha.server.runner.Runner;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.Roles;
import org.fanzha.store.Database;
import org.fanzha.store.QuarantinedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Turns request bodies into journaled, processed events: parse and validate every event, keep the
 * refused ones in the quarantine, hand the valid ones to the runner and wait for their outcome.
 * Counts accepted, duplicate and refused events (per field) in Micrometer.
 *
 * <p>A request's cost is bounded whatever it holds ({@link IngestSettings}); one bad event never
 * costs the others of its request; a {@code label} event, which sets an entity's risk directly, is
 * taken only from callers who confirm cases ({@link Roles#mayConfirmCases}) and audited.
 */
@Service
public class IngestService {

  private static final Logger log = LoggerFactory.getLogger(IngestService.class);
  private static final long WAIT_SECONDS = 30;

  private final Runner runner;
  private final Database db;
  private final MeterRegistry meters;
  private final IngestSettings settings;
  private final EventCodec codec;
  private final Counter accepted;
  private final Counter duplicate;
  private final Counter shed;

  IngestService(
      Runner runner, Database db, MeterRegistry meters, IngestSettings settings, Clock clock) {
    this.runner = runner;
    this.db = db;
    this.meters = meters;
    this.settings = settings;
    this.codec =
        new EventCodec(
            EventTimeWindow.aroundNow(
                clock::millis, settings.maxEventAge(), settings.maxEventLead()));
    this.accepted =
        Counter.builder("fanzha.events.accepted")
            .description("events journaled and processed")
            .register(meters);
    this.duplicate =
        Counter.builder("fanzha.events.duplicate")
            .description("events whose id was already journaled")
            .register(meters);
    this.shed =
        Counter.builder("fanzha.intake.shed")
            .description(
                "submissions refused because the engine's queue was full or it was stopping (503, Retry-After)")
            .register(meters);
  }

  /**
   * Parses a body (JSON array or NDJSON), quarantines the refused events under {@code origin} and
   * journals and processes the valid ones.
   *
   * @throws TooManyEvents if the body holds more events than a request may; then nothing was
   *     accepted
   * @throws Unavailable if the runner cannot take or finish them; then none of them was accepted
   */
  IngestReport ingestBody(byte[] body, String origin, Caller caller) {
    Refusals refusals = new Refusals(settings.maxErrorsListed(), settings.maxQuarantined());
    List<Event> events = new ArrayList<>();
    boolean mayLabel = Roles.mayConfirmCases(caller);
    int[] received = {0};
    codec.forEachInBody(
        body,
        r -> {
          if (++received[0] > settings.maxEvents()) {
            return false;
          }
          if (r instanceof ParseResult.Rejected rej) {
            refusals.add(rej.rejection());
          } else {
            Event e = ((ParseResult.Accepted) r).event();
            if (e instanceof LabelEvent && !mayLabel) {
              refusals.add(
                  new Rejection(
                      r.line(),
                      e.id(),
                      "type",
                      "label events record confirmed case outcomes and are "
                          + "taken only from a signed-in ANALYST, REVIEWER or ADMIN, not from "
                          + caller.describe()));
            } else if (e instanceof ListingEvent) {
              refusals.add(
                  new Rejection(
                      r.line(),
                      e.id(),
                      "type",
                      "listing events are written by the lists service with "
                          + "the entry's provenance; add or lift entries at /api/v1/lists/entries"));
            } else {
              events.add(e);
            }
          }
          return true;
        });
    if (received[0] > settings.maxEvents()) {
      throw new TooManyEvents(settings.maxEvents());
    }
    quarantine(body, origin, refusals);
    Outcome outcome = submit(events);
    auditLabels(events, outcome, caller);
    return new IngestReport(received[0], outcome, refusals);
  }

  /** Parses one event given alone as a JSON object. */
  ParseResult parseOne(byte[] body) {
    return codec.parse(body, 0, body.length, 1);
  }

  /** Quarantines the refusal of an event given alone (the decide endpoint). */
  void quarantine(byte[] body, String origin, Rejection rejection) {
    Refusals one = new Refusals(1, 1);
    one.add(rejection);
    quarantine(body, origin, one);
  }

  private void quarantine(byte[] body, String origin, Refusals refusals) {
    if (refusals.isEmpty()) {
      return;
    }
    for (Map.Entry<String, Long> f : refusals.byField().entrySet()) {
      Counter.builder("fanzha.events.rejected")
          .description("events refused at intake, by field at fault")
          .tag("field", f.getKey())
          .register(meters)
          .increment(f.getValue());
    }
    List<Rejection> kept = refusals.toQuarantine();
    Set<Long> positions = new HashSet<>();
    for (Rejection r : kept) {
      positions.add(r.line());
    }
    Map<Long, String> raw = RawSlices.of(body, positions, IngestSettings.MAX_RAW_PER_EVENT);
    long rawBudget = settings.maxQuarantinedChars();
    List<QuarantinedEvent> q = new ArrayList<>(kept.size() + 1);
    for (Rejection r : kept) {
      String text = raw.get(r.line());
      if (text != null && (rawBudget -= text.length()) < 0) {
        text = null; // the request's raw-text budget is spent: keep the field and reason only
      }
      q.add(new QuarantinedEvent(r.line(), r.eventId(), r.field(), r.reason(), text));
    }
    if (refusals.notQuarantined() > 0) {
      q.add(
          new QuarantinedEvent(
              0,
              null,
              "(more)",
              refusals.notQuarantined()
                  + " more refused events of this request "
                  + "were counted but not kept one by one (fanzha.ingest.max-quarantined="
                  + settings.maxQuarantined()
                  + ")",
              null));
    }
    db.quarantine().record(origin, q);
  }

  private void auditLabels(List<Event> events, Outcome outcome, Caller caller) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i) instanceof LabelEvent l && !outcome.items().get(i).duplicate()) {
        db.audit()
            .record(
                caller.name(),
                caller.rolesText(),
                "event.label:" + l.role().wireName(),
                l.entityKind(),
                l.entity(),
                true);
      }
    }
  }

  /**
   * Journals and processes events, waiting for the outcome.
   *
   * @throws Unavailable if the runner cannot take or finish them
   */
  Outcome submit(List<Event> events) {
    if (events.isEmpty()) {
      return new Outcome(List.of());
    }
    return await(() -> runner.submit(events));
  }

  /**
   * Journals one event (a transfer, a call or a message) and waits for its decision.
   *
   * @throws Unavailable if the runner cannot take it or decide it in time
   */
  Outcome decide(Event event) {
    return await(() -> runner.decide(event));
  }

  private Outcome await(Supplier<CompletableFuture<Outcome>> submission) {
    try {
      Outcome o = submission.get().get(WAIT_SECONDS, TimeUnit.SECONDS);
      accepted.increment(o.accepted());
      duplicate.increment(o.duplicates());
      return o;
    } catch (RejectedExecutionException e) {
      shed.increment();
      throw new Unavailable("the engine is not taking events now: " + e.getMessage(), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException
          || e.getCause() instanceof RejectedExecutionException) {
        // the runner's own limit (the Flink job did not answer a decide in time): the cause says
        // how long
        throw new Unavailable(
            e.getCause().getMessage() + "; resend (ids make it safe)", e.getCause());
      }
      // The cause may quote SQL or the database: it goes to the log under a reference, never to the
      // sender.
      String ref = UUID.randomUUID().toString().substring(0, 8);
      log.error("Events not journaled (ref {})", ref, e.getCause());
      throw new Unavailable(
          "the events could not be journaled now (ref " + ref + "); resend (ids make it safe)",
          e.getCause() != null ? e.getCause() : e);
    } catch (TimeoutException e) {
      // They may still be journaled later; resending is safe as ids are idempotency keys.
      throw new Unavailable(
          "no answer from the engine within " + WAIT_SECONDS + " s; resend (ids make it safe)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while waiting for the engine", e);
    }
  }
}

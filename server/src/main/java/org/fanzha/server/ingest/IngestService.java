package org.fanzha.server.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.codec.ParseResult;
import org.fanzha.core.codec.Rejection;
import org.fanzha.core.event.Event;
import org.fanzha.server.runner.EmbeddedRunner;
import org.fanzha.server.runner.Outcome;
import org.fanzha.store.Database;
import org.fanzha.store.QuarantinedEvent;
import org.springframework.stereotype.Service;

/**
 * Turns request bodies into journaled, processed events: parse and validate every event, keep the
 * refused ones in the quarantine, hand the valid ones to the runner and wait for their outcome.
 * Counts accepted, duplicate and refused events (per field) in Micrometer.
 */
@Service
public class IngestService {

  private static final long WAIT_SECONDS = 30;
  private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

  private final EmbeddedRunner runner;
  private final Database db;
  private final MeterRegistry meters;
  private final EventCodec codec = new EventCodec();
  private final Counter accepted;
  private final Counter duplicate;

  IngestService(EmbeddedRunner runner, Database db, MeterRegistry meters) {
    this.runner = runner;
    this.db = db;
    this.meters = meters;
    this.accepted = Counter.builder("fanzha.events.accepted").description("events journaled and processed").register(meters);
    this.duplicate = Counter.builder("fanzha.events.duplicate").description("events whose id was already journaled").register(meters);
  }

  /**
   * Parses a body (JSON array or NDJSON), quarantines the refused events under {@code origin} and
   * journals and processes the valid ones.
   *
   * @throws Unavailable if the runner cannot take or finish them; then none of them was accepted
   */
  IngestReport ingestBody(byte[] body, String origin) {
    List<ParseResult> parsed = codec.parseBody(body);
    List<Event> events = new ArrayList<>(parsed.size());
    List<Rejection> rejected = new ArrayList<>();
    for (ParseResult r : parsed) {
      if (r instanceof ParseResult.Accepted a) {
        events.add(a.event());
      } else {
        rejected.add(((ParseResult.Rejected) r).rejection());
      }
    }
    quarantine(body, origin, rejected);
    Outcome outcome = submit(events);
    return new IngestReport(parsed.size(), outcome, rejected);
  }

  /** Parses one event given alone as a JSON object. */
  ParseResult parseOne(byte[] body) {
    return codec.parse(body, 0, body.length, 1);
  }

  /** Quarantines refusals of events given one at a time (the decide endpoint). */
  void quarantine(byte[] body, String origin, List<Rejection> rejected) {
    if (rejected.isEmpty()) {
      return;
    }
    Set<Long> positions = new HashSet<>();
    for (Rejection r : rejected) {
      positions.add(r.line());
    }
    Map<Long, String> raw = RawSlices.of(body, positions);
    List<QuarantinedEvent> q = new ArrayList<>(rejected.size());
    for (Rejection r : rejected) {
      q.add(new QuarantinedEvent(r.line(), r.eventId(), r.field(), r.reason(), raw.get(r.line())));
      Counter.builder("fanzha.events.rejected")
          .description("events refused at intake, by field at fault")
          .tag("field", INDEX.matcher(r.field()).replaceAll("[]"))
          .register(meters)
          .increment();
    }
    db.quarantine().record(origin, q);
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
    try {
      Outcome o = runner.submit(events).get(WAIT_SECONDS, TimeUnit.SECONDS);
      accepted.increment(o.accepted());
      duplicate.increment(o.duplicates());
      return o;
    } catch (RejectedExecutionException e) {
      throw new Unavailable("the engine is not taking events now: " + e.getMessage(), e);
    } catch (ExecutionException e) {
      throw new Unavailable("the events could not be journaled: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      // They may still be journaled later; resending is safe as ids are idempotency keys.
      throw new Unavailable("no answer from the engine within " + WAIT_SECONDS + " s; resend (ids make it safe)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while waiting for the engine", e);
    }
  }
}

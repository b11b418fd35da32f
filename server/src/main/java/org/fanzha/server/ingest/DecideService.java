package org.fanzha.server.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.fanzha.core.codec.ParseResult;
import org.fanzha.core.codec.Rejection;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.engine.Decision;
import org.fanzha.engine.replay.OutputJson;
import org.fanzha.server.lists.ListedParties;
import org.fanzha.server.runner.Outcome;
import org.fanzha.server.runner.Runner;
import org.fanzha.server.subscribers.ContactLimits;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.JsonBodies;
import org.fanzha.server.system.Roles;
import org.fanzha.server.verifications.Restriction;
import org.fanzha.server.verifications.VerificationDesk;
import org.fanzha.server.warnings.OpenWarnings;
import org.fanzha.server.warnings.WarningDesk;
import org.fanzha.store.WarningTask;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;

/**
 * Decides one transfer, call, message or opening given alone: journals it, has the engine score it
 * with everything seen before, and adds what the engine does not know (an open warning on the
 * payer, a restriction pending re-verification, a subscriber's limits, the listings that decided
 * it). Every outcome is an answer, refusals included, so the MVC endpoint and the direct path
 * answer alike.
 */
@Service
class DecideService {

  static final String ORIGIN = "api:" + DecideFilter.PATH;

  private final IngestService ingest;
  private final Runner runner;
  private final WarningDesk warnings;
  private final ListedParties listed;
  private final ContactLimits limits;
  private final VerificationDesk verifications;
  private final Timer latency;

  DecideService(
      IngestService ingest,
      Runner runner,
      WarningDesk warnings,
      ListedParties listed,
      VerificationDesk verifications,
      MeterRegistry meters) {
    this.ingest = ingest;
    this.verifications = verifications;
    this.limits = new ContactLimits(verifications);
    this.listed = listed;
    this.warnings = warnings;
    this.runner = runner;
    this.latency =
        Timer.builder("fanzha.decide")
            .description("time to journal and decide one transfer, call, message or opening")
            .publishPercentiles(0.5, 0.99)
            .register(meters);
  }

  /**
   * Returns the answer to a request body.
   *
   * @param contentType the request's Content-Type (its charset must be UTF-8)
   * @param acceptLanguage the request's Accept-Language ({@code en…} for an English script)
   */
  DecideAnswer answer(
      byte[] raw, @Nullable String contentType, Caller caller, @Nullable String acceptLanguage) {
    long t0 = System.nanoTime();
    try {
      DecideAnswer a = decide(BodyEncoding.utf8(raw, contentType), caller, acceptLanguage);
      if (a.status() == HttpStatus.OK) {
        latency.record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
      }
      return a;
    } catch (BodyEncoding.NotUtf8 e) {
      return DecideAnswer.problem(Problems.notUtf8(e));
    } catch (Unavailable e) {
      return DecideAnswer.problem(Problems.unavailable(e));
    }
  }

  private DecideAnswer decide(byte[] body, Caller caller, @Nullable String acceptLanguage) {
    ParseResult r = ingest.parseOne(body);
    if (r instanceof ParseResult.Rejected rej) {
      return invalid(body, rej.rejection());
    }
    Event event = ((ParseResult.Accepted) r).event();
    boolean contact = event instanceof CallEvent || event instanceof SmsEvent;
    if (!(contact || event instanceof TransferEvent || event instanceof OpeningEvent)) {
      return invalid(
          body,
          new Rejection(
              1,
              event.id(),
              "type",
              "must be transfer, call, sms or opening for a decision, not "
                  + event.type().wireName()
                  + "; send other events to /api/v1/events"));
    }
    boolean simOpening = event instanceof OpeningEvent o && o.kind() == OpeningKind.SIM;
    if (Roles.operatorOnly(caller) && !contact && !simOpening) {
      return DecideAnswer.problem(
          HttpStatus.FORBIDDEN,
          java.net.URI.create("about:blank"),
          "Not an operator's decision",
          "an operator asks about its calls, messages and phone-card openings; transfers and "
              + "accounts are decided for banks (role INGEST)");
    }
    Outcome.Item item = ingest.decide(event).items().get(0);
    Decision d = item.decision();
    boolean duplicate = item.duplicate();
    if (duplicate) {
      Optional<Decision> before = runner.recentDecision(event.id());
      if (before.isEmpty()) {
        return DecideAnswer.problem(
            HttpStatus.CONFLICT,
            Problems.DUPLICATE,
            "Duplicate event id",
            "event "
                + event.id()
                + " was processed before; its decision is no longer held in memory");
      }
      d = before.get();
    }
    if (d == null) {
      throw new Unavailable(
          "the engine failed on this event; it is journaled and was logged",
          new IllegalStateException());
    }
    Decision decided = d;
    byte[] json =
        event instanceof TransferEvent transfer
            ? transferAnswer(d, transfer, acceptLanguage)
            : contact
                ? contactAnswer(d, event, caller)
                : JsonBodies.write(g -> OutputJson.write(decided, g));
    return DecideAnswer.decided(json, duplicate);
  }

  /**
   * A call's or message's decision with its number's limits; the decision is taken, but without the
   * score (the Flink job did not answer in time) it is not given: the caller asks again, and the
   * same event id finds it.
   */
  private byte[] contactAnswer(Decision d, Event event, Caller caller) {
    try {
      return limits.answer(d, event, runner, Roles.readsSubscriberScores(caller));
    } catch (RejectedExecutionException e) {
      throw new Unavailable("the caller's subscriber score: " + e.getMessage(), e);
    }
  }

  /**
   * A transfer's decision: a payer under an open warning is stopped for the bank to call them; a
   * paying account restricted pending its re-verification is stopped outside a counter.
   */
  private byte[] transferAnswer(
      Decision engine, TransferEvent transfer, @Nullable String acceptLanguage) {
    Optional<Restriction> restricted =
        verifications
            .restriction(EntityKind.ACCOUNT, transfer.from())
            .filter(
                r ->
                    r.stopsPayment(
                        transfer.channel() == null ? "" : transfer.channel().wireName()));
    Decision d =
        restricted
            .map(
                r ->
                    ContactLimits.stopped(
                        engine, transfer.id(), EntityKind.ACCOUNT, transfer.from(), r.reason()))
            .orElse(engine);
    if (restricted.isPresent()) {
      // the listings are the engine's party's (a listed payee's), whoever the stop is about
      return listed.withListings(
          engine,
          JsonBodies.write(
              g -> {
                g.writeStartObject();
                OutputJson.fields(d, g);
                Restriction.write(restricted.get(), g);
                g.writeEndObject();
              }));
    }
    Optional<WarningTask> warned = warnings.openBefore(transfer);
    Decision decision = warned.isPresent() ? OpenWarnings.hold(d, warned.get()) : d;
    return listed.withListings(
        decision,
        warned.isPresent()
            ? OpenWarnings.withWarning(
                JsonBodies.write(g -> OutputJson.write(decision, g)),
                warned.get(),
                warnings.script(warned.get(), language(acceptLanguage)))
            : JsonBodies.write(g -> OutputJson.write(decision, g)));
  }

  private static String language(@Nullable String acceptLanguage) {
    return acceptLanguage != null && acceptLanguage.toLowerCase(Locale.ROOT).startsWith("en")
        ? "en"
        : "zh";
  }

  private DecideAnswer invalid(byte[] body, Rejection rej) {
    ingest.quarantine(body, ORIGIN, rej);
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, rej.field() + ": " + rej.reason());
    p.setType(Problems.INVALID_EVENTS);
    p.setTitle("Invalid transfer");
    p.setProperty(
        "errors", List.of(Problems.error(rej.line(), rej.eventId(), rej.field(), rej.reason())));
    return DecideAnswer.problem(p);
  }
}

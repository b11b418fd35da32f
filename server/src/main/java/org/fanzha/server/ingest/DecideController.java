package org.fanzha.server.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
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
import org.fanzha.server.system.Bodies;
import org.fanzha.server.system.JsonBodies;
import org.fanzha.server.system.Roles;
import org.fanzha.server.verifications.Restriction;
import org.fanzha.server.verifications.VerificationDesk;
import org.fanzha.server.warnings.OpenWarnings;
import org.fanzha.server.warnings.WarningDesk;
import org.fanzha.store.WarningTask;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Decides one transfer, call, message or opening synchronously: {@code POST /api/v1/decide}. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "decide", description = "Real-time decision on one transfer, call, message or opening")
class DecideController {

  /**
   * Response header telling whether the id had been processed before (then the decision is the
   * earlier one).
   */
  static final String DUPLICATE_HEADER = "Fanzha-Duplicate";

  private static final long MAX_BODY = 64 * 1024;

  private final IngestService ingest;
  private final Runner runner;
  private final WarningDesk warnings;
  private final ListedParties listed;
  private final ContactLimits limits;
  private final VerificationDesk verifications;
  private final Timer latency;

  DecideController(
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

  @Operation(
      summary = "Decide one transfer, call, message or opening",
      description =
          "The body is one transfer, call, sms or opening event (EVENTS.md). It is journaled like any event, scored by the "
              + "engine with everything seen before it, and answered with the decision: the riskiest party "
              + "(entity_kind, entity), score 0–100, level, action (allow|warn|delay|hold) and bilingual reasons. "
              + "The body has the fields of a line of decisions.ndjson. Sending the same id again does not "
              + "process it twice: the answer repeats the earlier decision with header Fanzha-Duplicate: true while "
              + "it is remembered, else 409. When a list entry decided it, the answer adds listings: [{id, list, reason, source, legal_basis}]. When the payer (from_phone or from) has an open early-warning task, the "
              + "action is at least delay (hold for a critical one) and the answer adds warning: {id, severity, "
              + "fraud_type, script} so the bank can stop the payment and call the person. A payment from an account "
              + "restricted pending its re-verification is held outside a counter, a suspended one everywhere (the answer "
              + "adds verification: {id, state}). A call or message (role OPERATOR may ask these and phone-card openings, "
              + "not transfers) is held when the number is restricted (but to a service number) or suspended, or when it "
              + "breaks a limit of its subscriber band (SUB_LIMIT_CALLS, SUB_LIMIT_SMS, SUB_LIMIT_ABROAD); the answer adds "
              + "subscriber: {score, band, reasons, limits, usage}. A phone-card opening past the cards-per-person limit "
              + "is held (HO_OVER_CARD_LIMIT).",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content =
                  @Content(
                      mediaType = "application/json",
                      examples =
                          @ExampleObject(
                              value =
                                  """
              {"type":"transfer","id":"t1","ts":"2026-11-27T09:31:45+08:00","from":"6222020200112233446","to":"6217000010001234569","amount":"49000.00","channel":"mobile","from_phone":"13800138000"}"""))),
      responses = {
        @ApiResponse(responseCode = "200", description = "the decision"),
        @ApiResponse(
            responseCode = "400",
            description = "the transfer is invalid (field and reason)",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(
            responseCode = "409",
            description = "the id was processed before and its decision is no longer remembered",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(
            responseCode = "503",
            description = "not accepted now; resend",
            content = @Content(mediaType = "application/problem+json"))
      })
  @PostMapping(
      path = "/decide",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  ResponseEntity<?> decide(HttpServletRequest request, @Nullable Authentication auth)
      throws IOException {
    long t0 = System.nanoTime();
    byte[] body = BodyEncoding.utf8(Bodies.read(request, MAX_BODY), request.getContentType());
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
              "must be transfer, call, sms or opening for a "
                  + "decision, not "
                  + event.type().wireName()
                  + "; send other events to /api/v1/events"));
    }
    boolean simOpening = event instanceof OpeningEvent o && o.kind() == OpeningKind.SIM;
    if (Roles.operatorOnly(auth) && !contact && !simOpening) {
      ProblemDetail p =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.FORBIDDEN,
              "an operator asks about its calls, "
                  + "messages and phone-card openings; transfers and accounts are decided for banks (role INGEST)");
      p.setTitle("Not an operator's decision");
      return ResponseEntity.status(HttpStatus.FORBIDDEN)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(p);
    }
    Outcome.Item item = ingest.decide(event).items().get(0);
    Decision d = item.decision();
    boolean duplicate = item.duplicate();
    if (duplicate) {
      Optional<Decision> before = runner.recentDecision(event.id());
      if (before.isEmpty()) {
        ProblemDetail p =
            ProblemDetail.forStatusAndDetail(
                HttpStatus.CONFLICT,
                "event "
                    + event.id()
                    + " was processed before; its decision is no longer held in memory");
        p.setType(Problems.DUPLICATE);
        p.setTitle("Duplicate event id");
        return ResponseEntity.status(HttpStatus.CONFLICT)
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .body(p);
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
            ? transferAnswer(d, transfer, request)
            : contact
                ? limits.answer(d, event, runner, Roles.readsSubscriberScores(auth))
                : JsonBodies.write(g -> OutputJson.write(decided, g));
    latency.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
    return ResponseEntity.ok()
        .header(DUPLICATE_HEADER, Boolean.toString(duplicate))
        .contentType(MediaType.APPLICATION_JSON)
        .body(json);
  }

  /**
   * A transfer's decision: a payer under an open warning is stopped for the bank to call them; a
   * paying account restricted pending its re-verification is stopped outside a counter.
   */
  private byte[] transferAnswer(
      Decision engine, TransferEvent transfer, HttpServletRequest request) {
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
                warnings.script(warned.get(), language(request)))
            : JsonBodies.write(g -> OutputJson.write(decision, g)));
  }

  private static String language(HttpServletRequest request) {
    String l = request.getHeader("Accept-Language");
    return l != null && l.toLowerCase(java.util.Locale.ROOT).startsWith("en") ? "en" : "zh";
  }

  private ResponseEntity<ProblemDetail> invalid(byte[] body, Rejection rej) {
    ingest.quarantine(body, "api:/api/v1/decide", rej);
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, rej.field() + ": " + rej.reason());
    p.setType(Problems.INVALID_EVENTS);
    p.setTitle("Invalid transfer");
    p.setProperty(
        "errors", List.of(Problems.error(rej.line(), rej.eventId(), rej.field(), rej.reason())));
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }
}

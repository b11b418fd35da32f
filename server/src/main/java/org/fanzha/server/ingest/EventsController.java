package org.fanzha.server.ingest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fanzha.core.codec.Rejection;
import org.fanzha.engine.Level;
import org.fanzha.server.runner.Outcome;
import org.fanzha.server.system.Bodies;
import org.fanzha.server.system.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Takes batches of events: {@code POST /api/v1/events}. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "events", description = "Event intake (EVENTS.md data contract)")
class EventsController {

  static final String PARTIAL_POLICY =
      """
      Policy for a batch with some bad events: every valid event is accepted (journaled, then processed), \
      every invalid one is refused and kept in the quarantine with its field and reason. If any event was \
      refused the answer is 400 application/problem+json listing each refused event (position: 1-based line \
      of an NDJSON body or index of a JSON array; id if readable; field; reason) together with the counts \
      accepted and duplicate, so the sender resends only the refused ones after fixing them (resending the \
      whole batch is also safe: an id already journaled is processed once). If all were valid: 200 with the \
      counts. Malformed JSON inside a JSON array refuses the rest of that array, as its structure cannot be \
      trusted past that point; in NDJSON each line stands alone.""";

  private final IngestService ingest;
  private final IngestSettings settings;

  EventsController(IngestService ingest, IngestSettings settings) {
    this.ingest = ingest;
    this.settings = settings;
  }

  @Operation(
      summary = "Submit events (JSON array or NDJSON)",
      description =
          "Each event is validated and normalised as EVENTS.md says; accepted events are journaled "
              + "(committed) before this answers, so an acknowledged event is never lost. "
              + PARTIAL_POLICY
              + " Bounds per request (fanzha.ingest.*): at most max-events events (else 413, nothing accepted); the "
              + "answer lists at most max-errors-listed refused events and counts the rest. Event times must lie "
              + "within max-event-age before and max-event-lead after the server's clock. label events are taken "
              + "only from a signed-in ANALYST, REVIEWER or ADMIN.",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content = {
                @Content(
                    mediaType = "application/x-ndjson",
                    examples =
                        @ExampleObject(
                            value =
                                """
              {"type":"call","id":"c1","ts":"2026-11-27T09:15:02+08:00","caller":"+8617012345678","callee":"13800138000","duration_s":412}
              {"type":"transfer","id":"t1","ts":"2026-11-27T09:31:45+08:00","from":"6222020200112233446","to":"6217000010001234569","amount":"49000.00"}""")),
                @Content(mediaType = "application/json")
              }),
      responses = {
        @ApiResponse(
            responseCode = "200",
            description = "all events valid; counts of accepted and duplicate"),
        @ApiResponse(
            responseCode = "400",
            description =
                "some or all events refused (problem+json with errors[]); the valid ones were accepted",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(
            responseCode = "413",
            description = "body too large or too many events; nothing accepted",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(
            responseCode = "415",
            description = "the body is not UTF-8",
            content = @Content(mediaType = "application/problem+json")),
        @ApiResponse(
            responseCode = "503",
            description =
                "the store or engine cannot take events now; nothing was accepted; resend",
            content = @Content(mediaType = "application/problem+json"))
      })
  @PostMapping(
      path = "/events",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  ResponseEntity<?> post(HttpServletRequest request, @Nullable Authentication auth)
      throws IOException {
    byte[] body =
        BodyEncoding.utf8(Bodies.read(request, settings.maxBodyBytes()), request.getContentType());
    if (isBlank(body)) {
      ProblemDetail p =
          ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the body holds no events");
      p.setType(Problems.INVALID_EVENTS);
      p.setTitle("No events");
      p.setProperty(
          "errors",
          List.of(Problems.error(0, null, "(body)", "is empty; send a JSON array or NDJSON")));
      return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
    IngestReport report = ingest.ingestBody(body, "api:/api/v1/events", Caller.of(auth));
    Outcome o = report.outcome();
    Refusals refused = report.refusals();
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("received", report.received());
    counts.put("accepted", o.accepted());
    counts.put("duplicates", o.duplicates());
    counts.put("rejected", refused.total());
    counts.put("decisions_by_level", byLevel(o));
    if (refused.isEmpty()) {
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(counts);
    }
    List<Map<String, Object>> errors = new ArrayList<>(refused.listed().size());
    for (Rejection r : refused.listed()) {
      errors.add(Problems.error(r.line(), r.eventId(), r.field(), r.reason()));
    }
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            refused.total()
                + " of "
                + report.received()
                + " events were refused (see errors"
                + (errors.size() < refused.total()
                    ? ", which lists the first " + errors.size()
                    : "")
                + "); the other "
                + (report.received() - refused.total())
                + " were accepted or were duplicates");
    p.setType(Problems.INVALID_EVENTS);
    p.setTitle("Some events were refused");
    counts.forEach(p::setProperty);
    p.setProperty("errors", errors);
    p.setProperty("errors_not_listed", refused.total() - errors.size());
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }

  private static Map<String, Long> byLevel(Outcome o) {
    Map<Level, Long> m = new EnumMap<>(Level.class);
    for (Outcome.Item i : o.items()) {
      if (i.decision() != null && !i.decision().isNone()) {
        m.merge(i.decision().level(), 1L, Long::sum);
      }
    }
    Map<String, Long> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k.wireName(), v));
    return out;
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }
}

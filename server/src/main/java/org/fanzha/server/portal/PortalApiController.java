package org.fanzha.server.portal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.appeals.AppealService;
import org.fanzha.server.appeals.EvidenceFiles;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Bodies;
import org.fanzha.server.system.JsonBodies;
import org.fanzha.server.system.ProblemEntities;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The public portal's API (API.md), no login: look-up, report, appeal and its status. */
@RestController
@RequestMapping("/portal/api")
@Tag(name = "portal", description = "The public side: risk look-up, reports, appeals")
class PortalApiController {
  private static final URI TOO_MANY = URI.create("urn:fanzha:problem:too-many-requests");
  private static final URI UNKNOWN = URI.create("urn:fanzha:problem:unknown-appeal");
  private static final URI BUSY = URI.create("urn:fanzha:problem:unavailable");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final PortalService portal;
  private final AppealService appeals;
  private final PortalLimits limits;

  PortalApiController(PortalService portal, AppealService appeals, PortalLimits limits) {
    this.portal = portal;
    this.appeals = appeals;
    this.limits = limits;
  }

  @Operation(
      summary = "Look up a number, account or URL",
      description =
          "A band only: none, reported (with how many "
              + "reports) or listed; never personal data. Rate-limited per client and per value (429).")
  @GetMapping(
      path = "/lookup",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  ResponseEntity<?> lookup(
      @RequestParam String kind, @RequestParam String value, HttpServletRequest request) {
    ListKind k = ListKind.fromWire(kind);
    if (k == null || !PortalService.LOOKUP_KINDS.contains(k)) {
      throw new BadRequestException("kind: phone, account or url, not " + kind);
    }
    if (value.length() > 1000) {
      throw new BadRequestException("value: at most 1000 characters");
    }
    if (!limits.lookup(request.getRemoteAddr(), k, value)) {
      return tooMany();
    }
    PortalService.Answer a = portal.lookup(k, value);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(
            JsonBodies.write(
                g -> {
                  g.writeStartObject();
                  g.writeStringProperty("band", a.band());
                  g.writeNumberProperty("reports", a.reports());
                  g.writeStringProperty(
                      "fraud_type", a.fraudType() == null ? null : a.fraudType().wireName());
                  g.writeEndObject();
                }));
  }

  @Operation(
      summary = "Report fraud",
      description =
          "Body {\"targets\":[{\"kind\":\"phone|account|url|app\",\"value\"}],"
              + "\"text\",\"fraud_type\"?}. Becomes a report event for the engine. 201 {\"id\"}.")
  @PostMapping(
      path = "/reports",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  ResponseEntity<?> report(HttpServletRequest request) throws IOException {
    if (!limits.send(request.getRemoteAddr())) {
      return tooMany();
    }
    JsonNode b = body(request, "{\"targets\":[{\"kind\",\"value\"}], \"text\", \"fraud_type\"?}");
    List<PortalService.Target> targets = new ArrayList<>();
    JsonNode ts = b.path("targets");
    if (!ts.isArray()) {
      throw new BadRequestException("targets: an array of {\"kind\", \"value\"}");
    }
    for (JsonNode t : ts) {
      targets.add(
          new PortalService.Target(t.path("kind").asString(""), t.path("value").asString("")));
    }
    String id =
        portal.report(
            targets,
            b.path("text").asString(""),
            b.hasNonNull("fraud_type") ? b.get("fraud_type").asString() : null);
    return created(
        JsonBodies.write(
            g -> {
              g.writeStartObject();
              g.writeStringProperty("id", id);
              g.writeEndObject();
            }));
  }

  @Operation(
      summary = "Appeal a listing or restriction",
      description =
          "Body {\"kind\",\"value\",\"reason\",\"contact\"}"
              + ". 201 {\"id\",\"token\"}: keep the token to follow the appeal. Evidence files go with the portal's form.")
  @PostMapping(
      path = "/appeals",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  ResponseEntity<?> appeal(HttpServletRequest request) throws IOException {
    if (!limits.send(request.getRemoteAddr())) {
      return tooMany();
    }
    JsonNode b = body(request, "{\"kind\", \"value\", \"reason\", \"contact\"}");
    ListKind k = ListKind.fromWire(b.path("kind").asString(""));
    if (k == null) {
      throw new BadRequestException("kind: unknown value; expected " + ListKind.allowed());
    }
    AppealService.Sent s =
        appeals.submit(
            k,
            b.path("value").asString(""),
            b.path("reason").asString(""),
            b.path("contact").asString(""),
            List.<EvidenceFiles.Received>of());
    return created(
        JsonBodies.write(
            g -> {
              g.writeStartObject();
              g.writeStringProperty("id", s.id());
              g.writeStringProperty("token", s.token());
              g.writeEndObject();
            }));
  }

  @Operation(
      summary = "The status of an appeal",
      description =
          "By its token: open, upheld or rejected, with the " + "reviewer's note once decided.")
  @GetMapping(
      path = "/appeals/{token}",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  ResponseEntity<?> status(@PathVariable String token) {
    return appeals
        .byToken(token)
        .<ResponseEntity<?>>map(
            a ->
                ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(
                        JsonBodies.write(
                            g -> {
                              g.writeStartObject();
                              g.writeStringProperty("id", a.id());
                              g.writeStringProperty("status", a.status());
                              g.writeStringProperty("sent", Timestamps.format(a.createdAtMs()));
                              g.writeStringProperty("due", Timestamps.format(a.dueAtMs()));
                              g.writeStringProperty("note", a.note());
                              g.writeEndObject();
                            })))
        .orElseGet(
            () ->
                ProblemEntities.of(
                    HttpStatus.NOT_FOUND,
                    UNKNOWN,
                    "Unknown appeal",
                    "token: no appeal has this token"));
  }

  @ExceptionHandler(RejectedExecutionException.class)
  ResponseEntity<ProblemDetail> busy(RejectedExecutionException e) {
    return ProblemEntities.retryAfter(
        HttpStatus.SERVICE_UNAVAILABLE,
        BUSY,
        "Try again shortly",
        "the platform cannot take this now; please try again in a minute",
        60);
  }

  private static JsonNode body(HttpServletRequest request, String shape) throws IOException {
    byte[] bytes = Bodies.read(request, 64 * 1024); // too large: 413, as everywhere
    try {
      JsonNode b = JSON.readTree(bytes);
      if (b == null || !b.isObject()) {
        throw new BadRequestException("body: a JSON object " + shape);
      }
      return b;
    } catch (BadRequestException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new BadRequestException("body: a JSON object " + shape);
    }
  }

  private static ResponseEntity<byte[]> created(byte[] json) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .contentType(MediaType.APPLICATION_JSON)
        .body(json);
  }

  private static ResponseEntity<ProblemDetail> tooMany() {
    return ProblemEntities.retryAfter(
        HttpStatus.TOO_MANY_REQUESTS,
        TOO_MANY,
        "Too many requests",
        "please wait a minute before asking again",
        60);
  }
}

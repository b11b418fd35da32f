package org.fanzha.server.verifications;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.fanzha.server.regions.Jurisdictions;
import org.fanzha.server.system.Bodies;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.JsonBodies;
import org.fanzha.server.system.ProblemEntities;
import org.fanzha.store.Database;
import org.fanzha.store.VerificationRepository;
import org.fanzha.store.VerificationTask;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Re-verification tasks over HTTP: an operator works its numbers', a bank its accounts', analysts
 * both; each within their regions. {@code GET /api/v1/verifications}, {@code GET
 * /api/v1/verifications/{id}}, {@code POST /api/v1/verifications/{id}/outcome}.
 */
@RestController
@RequestMapping("/api/v1/verifications")
@Tag(name = "verifications", description = "Re-verification of abnormal cards and accounts (第11条)")
class VerificationController {

  private static final URI REFUSED = URI.create("urn:fanzha:problem:verification-refused");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> STATES =
      List.of(
          VerificationTask.OPEN,
          VerificationTask.RESTRICTED,
          VerificationTask.SUSPENDED,
          VerificationTask.VERIFIED,
          VerificationRepository.ACTIVE);

  private final VerificationDesk desk;
  private final Database db;

  VerificationController(VerificationDesk desk, Database db) {
    this.desk = desk;
    this.db = db;
  }

  @Operation(
      summary = "List re-verification tasks",
      description =
          "Tasks newest first, of a state (open, restricted, "
              + "suspended, verified, active: all but verified; all by default), about the numbers (OPERATOR), accounts (BANK) or both (ANALYST) within "
              + "the caller's regions.")
  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> list(
      @RequestParam(defaultValue = "all") String status,
      @RequestParam(defaultValue = "200") int limit,
      @Nullable Authentication auth) {
    if (!status.equals("all") && !STATES.contains(status)) {
      return ProblemEntities.of(
          HttpStatus.BAD_REQUEST,
          REFUSED,
          "Unknown status",
          "status: one of all, " + String.join(", ", STATES) + ", not '" + status + "'");
    }
    List<String> regions = Jurisdictions.of(db, auth);
    List<VerificationTask> tasks =
        desk
            .list(
                status.equals("all") ? null : status,
                VerificationKinds.of(Caller.of(auth)),
                Math.max(1, Math.min(limit, 1000)))
            .stream()
            .filter(t -> Jurisdictions.within(t.region(), regions))
            .toList();
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(
            JsonBodies.write(
                g -> {
                  g.writeStartArray();
                  for (VerificationTask t : tasks) {
                    VerificationJson.write(t, List.of(), g);
                  }
                  g.writeEndArray();
                }));
  }

  @Operation(
      summary = "One re-verification task",
      description =
          "The task with its timeline: opened, restricted, "
              + "suspended, verified or failed, each with its time and who did it.")
  @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> one(@PathVariable String id, @Nullable Authentication auth) {
    VerificationTask t = visible(id, auth);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(JsonBodies.write(g -> VerificationJson.write(t, desk.timeline(id), g)));
  }

  @Operation(
      summary = "Record a verification's outcome",
      description =
          "Body {\"outcome\":\"verified|failed\",\"note\"}: "
              + "verified restores the number or account at once, failed suspends it. 409 once verified.")
  @PostMapping(
      path = "/{id}/outcome",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  ResponseEntity<?> outcome(
      @PathVariable String id, HttpServletRequest request, @Nullable Authentication auth)
      throws IOException {
    visible(id, auth);
    JsonNode b;
    try {
      b = JSON.readTree(Bodies.read(request, 16 * 1024));
    } catch (RuntimeException e) {
      return ProblemEntities.of(
          HttpStatus.BAD_REQUEST,
          REFUSED,
          "Unreadable body",
          "body: a JSON object {\"outcome\", \"note\"}");
    }
    String note = b.path("note").asString("");
    VerificationTask t = desk.outcome(id, b.path("outcome").asString(""), note, Caller.of(auth));
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(JsonBodies.write(g -> VerificationJson.write(t, desk.timeline(id), g)));
  }

  /** The task, if the caller works its kind and region; else as if there were none. */
  private VerificationTask visible(String id, @Nullable Authentication auth) {
    VerificationTask t = desk.find(id);
    if (!VerificationKinds.of(Caller.of(auth)).contains(t.entityKind())
        || !Jurisdictions.within(t.region(), Jurisdictions.of(db, auth))) {
      throw new VerificationDesk.Refused(404, "no verification task " + id);
    }
    return t;
  }

  @ExceptionHandler(VerificationDesk.Refused.class)
  ResponseEntity<ProblemDetail> refused(VerificationDesk.Refused e) {
    HttpStatus status = HttpStatus.valueOf(e.status());
    return ProblemEntities.of(
        status,
        REFUSED,
        status == HttpStatus.NOT_FOUND ? "Unknown task" : "Outcome not recorded",
        Objects.toString(e.getMessage(), e.toString()));
  }
}

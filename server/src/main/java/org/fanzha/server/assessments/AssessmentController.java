package org.fanzha.server.assessments;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.JsonFields;
import org.fanzha.server.system.ProblemEntities;
import org.fanzha.store.Assessment;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The register of new-business assessments: submit (institutions, analysts), read, sign off
 * (reviewers).
 */
@RestController
@RequestMapping(
    path = "/api/v1/assessments",
    produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(name = "assessments", description = "New-business fraud-risk assessments (第6条)")
class AssessmentController {

  private final AssessmentService service;

  AssessmentController(AssessmentService service) {
    this.service = service;
  }

  @Operation(
      summary = "Submit an assessment of a new service before it launches",
      description =
          "Body: {\"institution\",\"service\",\"category\":telecom|banking|payment|internet,\"description\","
              + "\"launch_date\":\"yyyy-MM-dd\",\"checklist\":{<point>: \"how it is controlled\" | null when the service "
              + "does not have it, for every point: real_name, bulk_registration, anonymity, funds, remote_control, "
              + "bulk_messaging, cross_border, account_trading, vulnerable_users},\"risk_level\":low|medium|high,"
              + "\"conclusion\":launch|launch_after_fixes|do_not_launch}. 201 with the registered assessment.")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> submit(
      @RequestBody JsonNode body, @Nullable Authentication auth) {
    JsonNode list = body.get("checklist");
    if (list == null || !list.isObject()) {
      throw new BadRequestException(
          "checklist: is required, as an object of risk point → control or null");
    }
    Map<String, @Nullable String> checklist = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : list.properties()) {
      checklist.put(e.getKey(), JsonFields.optionalText(list, e.getKey()));
    }
    Assessment a =
        service.submit(
            new AssessmentService.Submission(
                JsonFields.text(body, "institution"),
                JsonFields.text(body, "service"),
                JsonFields.text(body, "category"),
                JsonFields.text(body, "description"),
                JsonFields.text(body, "launch_date"),
                checklist,
                JsonFields.text(body, "risk_level"),
                JsonFields.text(body, "conclusion")),
            Caller.of(auth));
    return ResponseEntity.created(URI.create("/api/v1/assessments/" + a.id())).body(describe(a));
  }

  @Operation(
      summary = "The register",
      description = "status=submitted|approved|returned|all (default all); newest first.")
  @GetMapping
  List<Map<String, Object>> list(
      @RequestParam(defaultValue = "all") String status,
      @RequestParam(defaultValue = "100") int limit) {
    if (!List.of("all", Assessment.SUBMITTED, Assessment.APPROVED, Assessment.RETURNED)
        .contains(status)) {
      throw new BadRequestException("status: submitted, approved, returned or all, not " + status);
    }
    return service
        .list(status.equals("all") ? null : status, Math.max(1, Math.min(limit, 1000)))
        .stream()
        .map(AssessmentController::describe)
        .toList();
  }

  @GetMapping("/{id}")
  Map<String, Object> one(@PathVariable String id) {
    return describe(service.find(id));
  }

  @Operation(
      summary = "Sign off or return an assessment (REVIEWER)",
      description =
          "Body: {\"decision\":approve|"
              + "return,\"note\"}; return needs a note saying what to fix. 409 for its own author or a second review.")
  @PostMapping(path = "/{id}/review", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> review(
      @PathVariable String id, @RequestBody JsonNode body, @Nullable Authentication auth) {
    return describe(
        service.review(
            id,
            JsonFields.text(body, "decision"),
            JsonFields.optionalText(body, "note"),
            Caller.of(auth)));
  }

  @ExceptionHandler(AssessmentService.Unknown.class)
  ResponseEntity<ProblemDetail> unknown(AssessmentService.Unknown e) {
    return ProblemEntities.of(
        HttpStatus.NOT_FOUND,
        URI.create("urn:fanzha:problem:no-such-assessment"),
        "No such assessment",
        Objects.toString(e.getMessage(), e.toString()));
  }

  @ExceptionHandler(AssessmentService.Refused.class)
  ResponseEntity<ProblemDetail> refused(AssessmentService.Refused e) {
    return ProblemEntities.of(
        HttpStatus.CONFLICT,
        URI.create("urn:fanzha:problem:review-refused"),
        "Review refused",
        Objects.toString(e.getMessage(), e.toString()));
  }

  static Map<String, Object> describe(Assessment a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("institution", a.institution());
    m.put("service", a.service());
    m.put("category", a.category());
    m.put("description", a.description());
    m.put("launch_date", a.launchDate());
    Map<String, Object> checklist = new LinkedHashMap<>();
    for (Assessment.Point p : a.checklist()) {
      checklist.put(p.code(), p.present() ? p.control() : null);
    }
    m.put("checklist", checklist);
    m.put("risk_level", a.riskLevel());
    m.put("conclusion", a.conclusion());
    m.put("author", a.author());
    m.put("created_at", Timestamps.format(a.createdAtMs()));
    m.put("status", a.status());
    m.put("reviewer", a.reviewer());
    m.put("reviewed_at", a.reviewedAtMs() == null ? null : Timestamps.format(a.reviewedAtMs()));
    m.put("review_note", a.reviewNote());
    return m;
  }
}

package org.fanzha.server.clues;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.keys.ApiKeyAuthentication;
import org.fanzha.server.lists.ListService;
import org.fanzha.server.regions.Jurisdictions;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.JsonFields;
import org.fanzha.server.system.OrderedIds;
import org.fanzha.server.system.ProblemEntities;
import org.fanzha.server.system.Roles;
import org.fanzha.store.Clue;
import org.fanzha.store.ClueRepository;
import org.fanzha.store.Database;
import org.fanzha.store.Institution;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Clue receivers and their clues (API.md): administrators register institutions; analysts send
 * leads by hand and follow every clue; a receiver, signing with its institution's key, pulls,
 * acknowledges and answers its own.
 */
@RestController
@Tag(name = "clues", description = "Clue push: institutions, clues, acknowledgement and feedback")
class ClueController {

  private final ClueDesk desk;
  private final InstitutionService institutions;
  private final ListService lists;
  private final Database db;
  private final Clock clock;
  private final OrderedIds manualIds;

  ClueController(
      ClueDesk desk, InstitutionService institutions, ListService lists, Database db, Clock clock) {
    this.desk = desk;
    this.institutions = institutions;
    this.lists = lists;
    this.db = db;
    this.clock = clock;
    this.manualIds = new OrderedIds("M", clock::millis);
  }

  @Operation(
      summary = "Register a clue receiver (ADMIN)",
      description =
          "Body: {\"name\",\"kind\":bank|operator|platform|"
              + "police,\"regions\":[GB/T 2260 prefixes],\"prefixes\":[card BINs, number segments or domains],\"min_severity\","
              + "\"webhook_url\",\"secret\"}. 201 with the institution and its API key (\"key\", shown this once), which pulls, "
              + "acknowledges and answers its clues. Without webhook_url the receiver pulls.")
  @PostMapping(
      path = "/api/v1/institutions",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> register(
      @RequestBody JsonNode body, @Nullable Authentication auth) {
    InstitutionService.Registered r =
        institutions.register(
            new InstitutionService.NewInstitution(
                JsonFields.text(body, "name"),
                JsonFields.text(body, "kind"),
                JsonFields.strings(body, "regions"),
                JsonFields.strings(body, "prefixes"),
                JsonFields.optionalText(body, "min_severity"),
                JsonFields.optionalText(body, "webhook_url"),
                JsonFields.optionalText(body, "secret")),
            Caller.of(auth));
    Map<String, Object> out = describe(r.institution(), null);
    out.put("key_id", r.key().record().id());
    out.put("key", r.key().key());
    return ResponseEntity.created(URI.create("/api/v1/institutions/" + r.institution().id()))
        .body(out);
  }

  @Operation(
      summary = "List clue receivers with their statistics (ANALYST, ADMIN)",
      description =
          "Clues sent, delivered, acknowledged, answered, late now, mean minutes to acknowledge, answers by result.")
  @GetMapping(path = "/api/v1/institutions", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Map<String, Object>> institutions() {
    List<Map<String, Object>> out = new ArrayList<>();
    desk.stats().forEach((i, s) -> out.add(describe(i, s)));
    return out;
  }

  @Operation(
      summary = "Clues: a receiver's own, or those an analyst's regions cover",
      description =
          "status=open (default) or all; institution= narrows an analyst's view. Newest first.")
  @GetMapping(path = "/api/v1/clues", produces = MediaType.APPLICATION_JSON_VALUE)
  List<Map<String, Object>> clues(
      @RequestParam(required = false) @Nullable String institution,
      @RequestParam(defaultValue = "open") String status,
      @RequestParam(defaultValue = "100") int limit,
      @Nullable Authentication auth) {
    if (!status.equals("open") && !status.equals("all")) {
      throw new BadRequestException("status: open or all, not " + status);
    }
    ClueDesk.Scope scope = scope(db, auth);
    Map<String, Institution> byId = desk.institutions();
    long now = clock.millis();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Clue c :
        desk.list(scope, institution, status.equals("open"), Math.max(1, Math.min(limit, 1000)))) {
      out.add(ClueJson.describe(c, byId.get(c.institutionId()), now));
    }
    Caller caller = Caller.of(auth);
    db.audit()
        .recordChange(
            caller.name(),
            caller.rolesText(),
            "clue.list:" + out.size(),
            "clue",
            institution != null ? institution : "*");
    return out;
  }

  @Operation(
      summary = "One clue",
      description = "404 when it does not exist or is not the caller's to see.")
  @GetMapping(path = "/api/v1/clues/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> clue(@PathVariable String id, @Nullable Authentication auth) {
    Clue c = desk.find(id, scope(db, auth));
    Caller caller = Caller.of(auth);
    db.audit().recordChange(caller.name(), caller.rolesText(), "clue.view", "clue", id);
    return ClueJson.describe(c, desk.institutions().get(c.institutionId()), clock.millis());
  }

  @Operation(
      summary = "Send a lead by hand (ANALYST, ADMIN)",
      description =
          "Body: {\"target\":{\"kind\",\"value\"},"
              + "\"severity\":high|medium|low,\"fraud_type\",\"summary\",\"region\",\"evidence\":[…]}. One clue per receiving "
              + "institution; 201 {\"clues\":[…]}, 422 when no institution receives it. An Idempotency-Key header makes a "
              + "repeated request send nothing again.")
  @PostMapping(
      path = "/api/v1/clues",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  ResponseEntity<?> send(
      @RequestBody JsonNode body,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String idempotencyKey,
      @Nullable Authentication auth) {
    JsonNode target = body.get("target");
    if (target == null || !target.isObject()) {
      throw new BadRequestException("target: is required, as {\"kind\",\"value\"}");
    }
    ListKind kind = ClueDesk.kind(JsonFields.text(target, "kind"));
    String value = lists.normalised(kind, JsonFields.text(target, "value"));
    String severity = JsonFields.text(body, "severity");
    if (!ClueRouter.SEVERITIES.contains(severity)) {
      throw new BadRequestException("severity: one of " + String.join(", ", ClueRouter.SEVERITIES));
    }
    String type = JsonFields.optionalText(body, "fraud_type");
    FraudType fraudType = type == null ? FraudType.OTHER : FraudType.fromWire(type);
    if (fraudType == null) {
      throw new BadRequestException("fraud_type: one of " + FraudType.allowed());
    }
    String summary = JsonFields.text(body, "summary");
    if (summary.isBlank() || summary.length() > 1000) {
      throw new BadRequestException("summary: 1–1000 characters");
    }
    String region = JsonFields.optionalText(body, "region");
    if (region != null && !region.matches("[1-9][0-9]{5}")) {
      throw new BadRequestException("region: a six-digit GB/T 2260 code");
    }
    if (idempotencyKey != null && !idempotencyKey.matches("[0-9A-Za-z_.:-]{1,100}")) {
      throw new BadRequestException("Idempotency-Key: 1–100 letters, digits and _ . : -");
    }
    Caller by = Caller.of(auth);
    String key =
        "manual:" + (idempotencyKey != null ? by.name() + ":" + idempotencyKey : manualIds.next());
    List<Clue> made =
        desk.raise(
            new Lead(
                key,
                "manual",
                by.name(),
                kind,
                value,
                fraudType,
                severity,
                region,
                summary,
                JsonFields.strings(body, "evidence")));
    if (made.isEmpty() && !desk.known(key)) {
      return ProblemEntities.of(
          HttpStatus.UNPROCESSABLE_CONTENT,
          URI.create("urn:fanzha:problem:no-receiver"),
          "No receiver",
          "no institution receives "
              + kind.wireName()
              + " leads of severity "
              + severity
              + (region != null ? " in region " + region : " of unknown region"));
    }
    for (Clue c : made) {
      db.audit()
          .recordChange(
              by.name(), by.rolesText(), "clue.send:" + c.institutionId(), "clue", c.id());
    }
    Map<String, Institution> byId = desk.institutions();
    long now = clock.millis();
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(
            Map.of(
                "clues",
                made.stream()
                    .map(c -> ClueJson.describe(c, byId.get(c.institutionId()), now))
                    .toList()));
  }

  @Operation(
      summary = "Acknowledge a clue (its receiver, or an analyst on its behalf)",
      description = "Stops its pushes and its acknowledgement clock; again changes nothing.")
  @PostMapping(path = "/api/v1/clues/{id}/ack", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> acknowledge(@PathVariable String id, @Nullable Authentication auth) {
    Clue c = desk.acknowledge(id, scope(db, auth), Caller.of(auth));
    return ClueJson.describe(c, desk.institutions().get(c.institutionId()), clock.millis());
  }

  @Operation(
      summary = "Answer a clue: what was done (its receiver, or an analyst on its behalf)",
      description =
          "Body: {\"result\":closed|account_frozen|account_stopped|number_shut|number_restricted|"
              + "content_removed|case_opened|not_found|false_alarm|no_action,\"note\"}. Closes the clue; the same answer "
              + "again changes nothing, another one is 409.")
  @PostMapping(
      path = "/api/v1/clues/{id}/feedback",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> answer(
      @PathVariable String id, @RequestBody JsonNode body, @Nullable Authentication auth) {
    Clue c =
        desk.answer(
            id,
            JsonFields.text(body, "result"),
            JsonFields.optionalText(body, "note"),
            scope(db, auth),
            Caller.of(auth));
    return ClueJson.describe(c, desk.institutions().get(c.institutionId()), clock.millis());
  }

  @ExceptionHandler(ClueDesk.UnknownClue.class)
  ResponseEntity<ProblemDetail> unknown(ClueDesk.UnknownClue e) {
    return ProblemEntities.of(
        HttpStatus.NOT_FOUND,
        URI.create("urn:fanzha:problem:no-such-clue"),
        "No such clue",
        Objects.toString(e.getMessage(), e.toString()));
  }

  @ExceptionHandler(ClueDesk.AlreadyAnswered.class)
  ResponseEntity<ProblemDetail> answered(ClueDesk.AlreadyAnswered e) {
    return ProblemEntities.of(
        HttpStatus.CONFLICT,
        URI.create("urn:fanzha:problem:clue-answered"),
        "Clue answered already",
        Objects.toString(e.getMessage(), e.toString()));
  }

  /**
   * Whose clues the caller sees: its institution's (a receiver's key), or its regions' (an
   * analyst).
   */
  static ClueDesk.Scope scope(Database db, @Nullable Authentication auth) {
    if (auth instanceof ApiKeyAuthentication key && key.institutionId() != null) {
      return new ClueDesk.Scope(key.institutionId(), List.of());
    }
    if (Caller.of(auth).hasAny(Roles.ANALYST, Roles.ADMIN)) {
      return new ClueDesk.Scope(null, Jurisdictions.of(db, auth));
    }
    throw new AccessDeniedException(
        "clues are for the institutions they were sent to and for analysts");
  }

  private static Map<String, Object> describe(Institution i, ClueRepository.@Nullable Stats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", i.id());
    m.put("name", i.name());
    m.put("kind", i.kind());
    m.put("regions", i.regions());
    m.put("prefixes", i.prefixes());
    m.put("min_severity", i.minSeverity());
    m.put("webhook_url", i.webhookUrl());
    m.put("created_at", Timestamps.format(i.createdAtMs()));
    m.put("created_by", i.createdBy());
    if (s != null) {
      Map<String, Object> st = new LinkedHashMap<>();
      st.put("sent", s.sent());
      st.put("delivered", s.delivered());
      st.put("acknowledged", s.acknowledged());
      st.put("answered", s.answered());
      st.put("late", s.late());
      st.put("mean_minutes_to_ack", s.meanMinutesToAck());
      st.put("answers", s.answers());
      m.put("stats", st);
    }
    return m;
  }
}

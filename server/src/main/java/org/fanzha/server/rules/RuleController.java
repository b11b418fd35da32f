package org.fanzha.server.rules;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fanzha.engine.replay.Backtest;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.file.RuleFileException;
import org.fanzha.engine.rules.file.RuleFileProblem;
import org.fanzha.engine.rules.file.RuleFileReader;
import org.fanzha.server.system.Bodies;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.JsonBodies;
import org.fanzha.store.RuleVersion;
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

/** The rules API (API.md): versions, shadow runs, statistics, back-tests, publishing. */
@RestController
@RequestMapping(
    path = "/api/v1/rules",
    produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(
    name = "rules",
    description = "Detection rules as data: submit, back-test, shadow, publish (maker-checker)")
class RuleController {

  static final URI INVALID = URI.create("urn:fanzha:problem:invalid-rule-file");

  private final RuleService rules;
  private final RuleSettings settings;

  RuleController(RuleService rules, RuleSettings settings) {
    this.rules = rules;
    this.settings = settings;
  }

  @Operation(
      summary = "The live rules and every version (ANALYST)",
      description =
          "live_version is null until a version was published (the engine then runs its start-up rules).")
  @GetMapping
  ResponseEntity<byte[]> list() {
    RuleBook live = rules.liveBook();
    List<RuleVersion> versions = rules.versions();
    byte[] json =
        JsonBodies.write(
            g -> {
              g.writeStartObject();
              RuleVersion lv = rules.live().orElse(null);
              if (lv == null) {
                g.writeNullProperty("live_version");
              } else {
                g.writeNumberProperty("live_version", lv.version());
              }
              RuleJson.rules(g, live);
              g.writeArrayPropertyStart("versions");
              versions.forEach(v -> RuleJson.version(g, v));
              g.writeEndArray();
              g.writeEndObject();
            });
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
  }

  @Operation(
      summary = "Submit a version (ANALYST)",
      description =
          "Body: a rule file (YAML, API.md). 201 {\"version\"}; 400 with every problem as errors:[{line, column, "
              + "message}] and nothing stored; 413 over 1 MiB.")
  @PostMapping(
      path = "/versions",
      consumes = {
        "application/yaml",
        "text/yaml",
        "application/x-yaml",
        MediaType.TEXT_PLAIN_VALUE
      })
  ResponseEntity<?> submit(
      HttpServletRequest request,
      @RequestParam(required = false) @Nullable String note,
      @Nullable Authentication auth)
      throws IOException {
    String yaml =
        new String(Bodies.read(request, RuleFileReader.MAX_BYTES), StandardCharsets.UTF_8);
    try {
      long v = rules.submit(yaml, Caller.of(auth), note);
      return ResponseEntity.created(URI.create("/api/v1/rules/versions/" + v))
          .contentType(MediaType.APPLICATION_JSON)
          .body(Map.of("version", v));
    } catch (RuleFileException e) {
      return invalid(e);
    }
  }

  @Operation(summary = "One version: its state, text and rules (ANALYST)")
  @GetMapping("/versions/{v}")
  ResponseEntity<byte[]> version(@PathVariable long v) {
    RuleVersion rv = rules.version(v);
    RuleBook book = rules.book(v);
    byte[] json =
        JsonBodies.write(
            g -> {
              g.writeStartObject();
              g.writeName("version");
              RuleJson.version(g, rv);
              g.writeStringProperty("source", rv.source());
              RuleJson.rules(g, book);
              g.writeEndObject();
            });
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
  }

  @Operation(
      summary = "Run a version in shadow beside the live rules (ANALYST)",
      description =
          "Its decisions on live traffic are counted, never acted on; one shadow at a time.")
  @PostMapping("/versions/{v}/shadow")
  ResponseEntity<Map<String, Object>> shadow(@PathVariable long v, @Nullable Authentication auth) {
    rules.shadow(v, Caller.of(auth));
    return ResponseEntity.ok(Map.of("version", v, "state", RuleVersion.SHADOW));
  }

  @Operation(
      summary = "Statistics of a version in shadow (ANALYST)",
      description =
          "Per rule: hits in the shadow and in the live set over the same events, hit share, too_frequent; level "
              + "changes against live. 409 when the version is not in shadow.")
  @GetMapping("/versions/{v}/stats")
  ResponseEntity<?> stats(@PathVariable long v) {
    return rules
        .shadowStats(v)
        .<ResponseEntity<?>>map(
            s ->
                ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(
                        JsonBodies.write(
                            g -> RuleJson.shadow(g, s, rules.book(v), settings.maxHitShare()))))
        .orElseGet(
            () ->
                problem(
                    HttpStatus.CONFLICT,
                    "Not in shadow",
                    "version " + v + " is not running in shadow now"));
  }

  @Operation(
      summary = "Back-test a version on a recorded events file (ANALYST)",
      description =
          "Body: NDJSON events (EVENTS.md). Scores them with the version beside the live rules and answers the "
              + "backtest.json of ./fanzha backtest.")
  @PostMapping(path = "/versions/{v}/backtest")
  ResponseEntity<byte[]> backtest(@PathVariable long v, HttpServletRequest request)
      throws IOException {
    rules.version(v);
    Path file = Files.createTempFile("fanzha-backtest", ".ndjson");
    try {
      Files.write(file, Bodies.read(request, settings.maxBacktestBytes()));
      Backtest.Report r = rules.backtest(v, file);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      try (OutputStream o = out) {
        Backtest.write(r, o);
      }
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out.toByteArray());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Operation(
      summary = "Publish a version (REVIEWER or ADMIN, not its author)",
      description =
          "The next event is scored with it; 403 for the author; the previous live version is retired. Publishing "
              + "an earlier version rolls back.")
  @PostMapping("/versions/{v}/publish")
  ResponseEntity<Map<String, Object>> publish(@PathVariable long v, @Nullable Authentication auth) {
    rules.publish(v, Caller.of(auth));
    return ResponseEntity.ok(Map.of("version", v, "state", RuleVersion.LIVE));
  }

  static ResponseEntity<ProblemDetail> invalid(RuleFileException e) {
    ProblemDetail p =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            e.problems().size() + " problem(s) in the rule file; nothing was stored");
    p.setType(INVALID);
    p.setTitle("Invalid rule file");
    List<Map<String, Object>> errors = new ArrayList<>();
    for (RuleFileProblem x : e.problems()) {
      errors.add(Map.of("line", x.line(), "column", x.column(), "message", x.message()));
    }
    p.setProperty("errors", errors);
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }

  @ExceptionHandler(RuleService.UnknownVersion.class)
  ResponseEntity<ProblemDetail> unknown(RuleService.UnknownVersion e) {
    return problem(
        HttpStatus.NOT_FOUND, "No such version", Objects.toString(e.getMessage(), e.toString()));
  }

  @ExceptionHandler(RuleService.Refused.class)
  ResponseEntity<ProblemDetail> refused(RuleService.Refused e) {
    return problem(
        e.forbidden() ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT,
        "Refused",
        Objects.toString(e.getMessage(), e.toString()));
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(URI.create("urn:fanzha:problem:rules"));
    p.setTitle(title);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }
}

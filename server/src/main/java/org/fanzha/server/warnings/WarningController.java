package org.fanzha.server.warnings;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.regions.Jurisdictions;
import org.fanzha.server.regions.Units;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Bodies;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.JsonBodies;
import org.fanzha.store.Database;
import org.fanzha.store.WarningTask;
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
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The warning desk over REST (API.md): the tasks of the caller's units, one task with its timeline,
 * and an outcome. A user limited to regions sees the tasks of units within them.
 */
@RestController
@RequestMapping("/api/v1/warnings")
@Tag(name = "warnings", description = "Early warning and dissuasion tasks (预警劝阻)")
class WarningController {
  private static final URI NOT_FOUND = URI.create("urn:fanzha:problem:unknown-warning");
  private static final URI CLOSED = URI.create("urn:fanzha:problem:warning-closed");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final WarningDesk desk;
  private final Database db;

  WarningController(WarningDesk desk, Database db) {
    this.desk = desk;
    this.db = db;
  }

  @Operation(
      summary = "List warning tasks",
      description =
          "Newest first: status open (default), closed or all; "
              + "each with victim, region, severity (high|medium|low, and the engine's level), fraud type, evidence and its "
              + "task: channel, unit, due time, the 12381 SMS text and the 96110 script in lang (zh default, or en).")
  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> list(
      @RequestParam(defaultValue = "open") String status,
      @RequestParam(defaultValue = "zh") String lang,
      @RequestParam(defaultValue = "200") int limit,
      @Nullable Authentication auth) {
    String s =
        switch (status) {
          case "open" -> WarningTask.OPEN;
          case "closed" -> WarningTask.CLOSED;
          case "all" -> null;
          default ->
              throw new BadRequestException("status: must be open, closed or all, not " + status);
        };
    List<WarningTask> tasks = desk.list(s, regionsOf(auth), Math.max(1, Math.min(limit, 1000)));
    Caller caller = Caller.of(auth);
    // the list names the people at risk: who read it, and how many, is on record
    db.audit()
        .recordChange(
            caller.name(),
            caller.rolesText(),
            "warnings.list:" + status,
            "warnings",
            tasks.size() + " tasks");
    return ok(
        JsonBodies.write(
            g -> {
              g.writeStartObject();
              g.writeArrayPropertyStart("warnings");
              for (WarningTask t : tasks) {
                write(t, lang, g);
              }
              g.writeEndArray();
              g.writeEndObject();
            }));
  }

  @Operation(
      summary = "Warning statistics",
      description =
          "Tasks issued, open, dissuaded, paid, false alarms and money "
              + "protected (yuan), per fraud type, per unit and per day raised, over the caller's units.")
  @GetMapping(path = "/stats", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> stats(@Nullable Authentication auth) {
    WarningStats s = desk.stats(regionsOf(auth));
    return ok(
        JsonBodies.write(
            g -> {
              g.writeStartObject();
              g.writeNumberProperty("issued", s.issued());
              g.writeNumberProperty("open", s.open());
              g.writeNumberProperty("dissuaded", s.dissuaded());
              g.writeNumberProperty("paid", s.paid());
              g.writeNumberProperty("false_alarms", s.falseAlarms());
              g.writeStringProperty(
                  "money_protected",
                  java.math.BigDecimal.valueOf(s.protectedFen(), 2).toPlainString());
              g.writeName("by_type");
              g.writeStartObject();
              s.byType().forEach((k, v) -> g.writeNumberProperty(k, v));
              g.writeEndObject();
              g.writeName("by_unit");
              g.writeStartObject();
              s.byUnit().forEach((k, v) -> g.writeNumberProperty(k, v));
              g.writeEndObject();
              g.writeName("by_day");
              g.writeStartObject();
              s.byDay().forEach((k, v) -> g.writeNumberProperty(k, v));
              g.writeEndObject();
              g.writeEndObject();
            }));
  }

  @Operation(summary = "One warning task with its timeline")
  @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> one(
      @PathVariable String id,
      @RequestParam(defaultValue = "zh") String lang,
      @Nullable Authentication auth) {
    WarningTask t = visible(desk.find(id), auth);
    Caller caller = Caller.of(auth);
    db.audit().recordChange(caller.name(), caller.rolesText(), "warning.view", "warning", id);
    List<WarningTask.Step> steps = desk.timeline(id);
    return ok(
        JsonBodies.write(
            g -> {
              write(t, lang, g, steps);
            }));
  }

  @Operation(
      summary = "Record the outcome of a warning",
      description =
          "dissuaded (amount_protected in yuan), paid "
              + "(requests an emergency stop of the account paid), not_reached (next channel; at the top of the ladder the next "
              + "unit up) or false_alarm. dissuaded and paid label the contact a fraud number and the account paid a mule.")
  @PostMapping(
      path = "/{id}/outcome",
      produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
  ResponseEntity<byte[]> outcome(
      @PathVariable String id,
      @RequestParam(defaultValue = "zh") String lang,
      HttpServletRequest request,
      @Nullable Authentication auth)
      throws IOException {
    visible(desk.find(id), auth);
    JsonNode body;
    try {
      body = JSON.readTree(Bodies.read(request, 16 * 1024));
    } catch (RuntimeException e) {
      throw new BadRequestException(
          "body: a JSON object {\"outcome\", \"amount_protected\"?, \"note\"?}");
    }
    String outcome = body.path("outcome").asString("");
    long fen = 0;
    JsonNode amount = body.get("amount_protected");
    if (amount != null && !amount.isNull()) {
      fen = fen(amount.asString(amount.toString()));
    }
    String note = body.hasNonNull("note") ? body.get("note").asString() : null;
    WarningDesk.Closed c = desk.outcome(id, outcome, fen, note, Caller.of(auth));
    return ok(
        JsonBodies.write(
            g -> {
              g.writeStartObject();
              g.writeName("warning");
              write(c.task(), lang, g);
              g.writeStringProperty("hold", c.holdId());
              g.writeArrayPropertyStart("labelled");
              for (String e : c.labelled()) {
                g.writeString(e);
              }
              g.writeEndArray();
              g.writeEndObject();
            }));
  }

  /**
   * Yuan as fen.
   *
   * @throws BadRequestException naming {@code amount_protected} when it is not yuan with at most
   *     two decimals
   */
  static long fen(String yuan) {
    try {
      return new java.math.BigDecimal(yuan.trim()).movePointRight(2).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new BadRequestException(
          "amount_protected: yuan with at most two decimals, e.g. 49000.00");
    }
  }

  private void write(WarningTask t, String lang, JsonGenerator g) {
    write(t, lang, g, null);
  }

  private void write(
      WarningTask t, String lang, JsonGenerator g, @Nullable List<WarningTask.Step> steps) {
    FraudType type = FraudType.fromWire(t.fraudType());
    g.writeStartObject();
    g.writeStringProperty("id", t.id());
    g.writeStringProperty("ts", Timestamps.format(t.raisedTsMs()));
    g.writeStringProperty("updated", Timestamps.format(t.lastTsMs()));
    g.writeStringProperty("victim_phone", t.victimPhone());
    g.writeStringProperty("victim_account", t.victimAccount());
    g.writeStringProperty("victim_masked", WarningDesk.maskedVictim(t));
    g.writeStringProperty("contact", t.contact());
    g.writeStringProperty("region", t.region());
    g.writeStringProperty("severity", WarningDesk.grade(t));
    g.writeStringProperty("level", t.severity());
    g.writeStringProperty("fraud_type", t.fraudType());
    if (type != null) {
      g.writeStringProperty(
          "fraud_type_name", lang.startsWith("zh") ? type.nameZh() : type.nameEn());
    }
    g.writeArrayPropertyStart("evidence");
    for (String e : t.evidence()) {
      g.writeString(e);
    }
    g.writeEndArray();
    g.writeStringProperty("status", t.status());
    g.writeStringProperty("outcome", t.outcome());
    g.writeStringProperty(
        "amount_protected",
        java.math.BigDecimal.valueOf(t.amountProtectedFen(), 2).toPlainString());
    g.writeName("task");
    g.writeStartObject();
    g.writeStringProperty("channel", t.channel());
    g.writeStringProperty("unit", t.unit());
    g.writeStringProperty("unit_level", Units.level(t.unit()));
    g.writeStringProperty("due", Timestamps.format(t.dueAtMs()));
    g.writeStringProperty("sms", desk.sms(t, lang));
    g.writeStringProperty("script", desk.script(t, lang));
    g.writeEndObject();
    if (steps != null) {
      g.writeArrayPropertyStart("timeline");
      for (WarningTask.Step s : steps) {
        g.writeStartObject();
        g.writeStringProperty("at", Timestamps.format(s.atMs()));
        g.writeStringProperty("kind", s.kind());
        g.writeStringProperty("detail", s.detail());
        g.writeStringProperty("by", s.actor());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /**
   * The region prefixes the caller is limited to (a staff user's or an API key's); none for
   * everywhere.
   */
  static List<String> regionsOf(Database db, @Nullable Authentication auth) {
    return Jurisdictions.of(db, auth);
  }

  private List<String> regionsOf(@Nullable Authentication auth) {
    return regionsOf(db, auth);
  }

  private WarningTask visible(WarningTask t, @Nullable Authentication auth) {
    if (!WarningDesk.within(t, regionsOf(auth))) {
      throw new WarningDesk.UnknownTask(
          t.id()); // outside the caller's jurisdiction: as if it did not exist
    }
    return t;
  }

  private static ResponseEntity<byte[]> ok(byte[] json) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
  }

  @ExceptionHandler(WarningDesk.UnknownTask.class)
  ResponseEntity<ProblemDetail> unknown(WarningDesk.UnknownTask e) {
    return problem(
        HttpStatus.NOT_FOUND,
        NOT_FOUND,
        "Unknown warning",
        Objects.toString(e.getMessage(), e.toString()));
  }

  @ExceptionHandler(WarningDesk.AlreadyClosed.class)
  ResponseEntity<ProblemDetail> closed(WarningDesk.AlreadyClosed e) {
    return problem(
        HttpStatus.CONFLICT,
        CLOSED,
        "Warning already closed",
        Objects.toString(e.getMessage(), e.toString()));
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, URI type, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(type);
    p.setTitle(title);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }
}

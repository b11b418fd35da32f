package org.fanzha.server.funds;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.fanzha.core.codec.TextCheck;
import org.fanzha.core.event.EntityKind;
import org.fanzha.graph.freeze.HoldKind;
import org.fanzha.graph.freeze.HoldOrder;
import org.fanzha.server.regions.EntityRegions;
import org.fanzha.server.regions.Jurisdictions;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.store.Database;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Stop (紧急止付) and freeze (快速冻结) orders. The police (ANALYST) request, renew and release; the bank
 * (BANK) confirms or rejects; ADMIN may do both. Every change is timed, kept in the order's history
 * and written to the audit log; a change the workflow does not allow answers 409 with the reason.
 */
@RestController
@RequestMapping(
    path = "/api/v1/holds",
    produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(name = "holds", description = "Stop and freeze orders on accounts, with their audited history")
class HoldController {

  /**
   * Column sizes of the hold tables: a longer value is refused with 400, never cut or failed on.
   */
  static final int MAX_CASE_REF = 128;

  static final int MAX_NOTE = 1000;

  /**
   * Far above the 6-month limit the order itself checks; keeps the day count from overflowing a
   * Duration.
   */
  static final int MAX_TERM_DAYS = 3660;

  private final HoldService holds;
  private final EntityRegions regions;
  private final Database db;

  HoldController(HoldService holds, EntityRegions regions, Database db) {
    this.holds = holds;
    this.regions = regions;
    this.db = db;
  }

  @Operation(
      summary = "Request a stop or freeze (ANALYST)",
      description =
          "Body: {\"kind\":\"stop|freeze\",\"account\":\"…\",\"amount\":\"49000.00\",\"case_ref\":\"…\","
              + "\"term_days\":180 (freeze only, ≤ 6 months; default 180),\"note\":\"…\"}. A stop lasts 48 h from the bank's "
              + "confirmation. 201 with the order and its Location.")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> request(@RequestBody JsonNode body, @Nullable Authentication auth) {
    HoldKind kind = kind(required(body, "kind", 16));
    String account = TraceParams.account("account", required(body, "account", 256));
    long amount = TraceParams.money("amount", required(body, "amount", 32));
    HoldOrder o =
        holds.request(
            Callers.actor(auth),
            kind,
            account,
            amount,
            required(body, "case_ref", MAX_CASE_REF),
            term(body),
            optional(body, "note", MAX_NOTE));
    return ResponseEntity.created(URI.create("/api/v1/holds/" + o.id()))
        .contentType(MediaType.APPLICATION_JSON)
        .body(HoldJson.one(o, holds.now()));
  }

  @Operation(
      summary = "The bank confirms the order is in force (BANK)",
      description = "Body (optional): {\"bank_ref\":\"…\"}.")
  @PostMapping("/{id}/confirm")
  ResponseEntity<byte[]> confirm(
      @PathVariable String id,
      @RequestBody(required = false) @Nullable JsonNode body,
      @Nullable Authentication auth) {
    return ok(holds.confirm(Callers.actor(auth), id, optional(body, "bank_ref", MAX_CASE_REF)));
  }

  @Operation(
      summary = "The bank could not apply the order (BANK)",
      description = "Body: {\"reason\":\"…\"}.")
  @PostMapping("/{id}/reject")
  ResponseEntity<byte[]> reject(
      @PathVariable String id,
      @RequestBody(required = false) @Nullable JsonNode body,
      @Nullable Authentication auth) {
    return ok(holds.reject(Callers.actor(auth), id, required(body, "reason", MAX_NOTE)));
  }

  @Operation(
      summary = "Renew an order in force (ANALYST)",
      description =
          "A stop: 48 h more, once only (two stops in all; a third answers 409). A freeze: term_days more "
              + "(default 180, at most 6 months from the current expiry). Body (optional): {\"term_days\":…,\"note\":\"…\"}.")
  @PostMapping("/{id}/renew")
  ResponseEntity<byte[]> renew(
      @PathVariable String id,
      @RequestBody(required = false) @Nullable JsonNode body,
      @Nullable Authentication auth) {
    return ok(holds.renew(Callers.actor(auth), id, term(body), optional(body, "note", MAX_NOTE)));
  }

  @Operation(summary = "Release an order (ANALYST)", description = "Body: {\"reason\":\"…\"}.")
  @PostMapping("/{id}/release")
  ResponseEntity<byte[]> release(
      @PathVariable String id,
      @RequestBody(required = false) @Nullable JsonNode body,
      @Nullable Authentication auth) {
    return ok(holds.release(Callers.actor(auth), id, required(body, "reason", MAX_NOTE)));
  }

  @Operation(
      summary = "One order with its full history",
      description = "An order past its term reads as expired.")
  @GetMapping("/{id}")
  ResponseEntity<byte[]> get(@PathVariable String id, @Nullable Authentication auth) {
    List<String> scope = Jurisdictions.of(db, auth);
    return ok(
        holds
            .find(id)
            .filter(o -> visible(o, scope))
            .orElseThrow(() -> new HoldService.UnknownHoldException(id)));
  }

  @Operation(
      summary = "Orders on an account, or the newest orders",
      description =
          "Newest first; a caller limited to regions sees the orders on accounts of those regions (and on "
              + "accounts nobody can place).")
  @GetMapping
  ResponseEntity<byte[]> list(
      @RequestParam(required = false) @Nullable String account,
      @RequestParam(defaultValue = "50") int limit,
      @Nullable Authentication auth) {
    List<String> scope = Jurisdictions.of(db, auth);
    List<HoldOrder> l =
        (account == null || account.isBlank()
                ? holds.recent(Math.max(1, Math.min(limit, 500)))
                : holds.forAccount(TraceParams.account("account", account)))
            .stream().filter(o -> visible(o, scope)).toList();
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(HoldJson.list(l, holds.now()));
  }

  private boolean visible(HoldOrder o, List<String> scope) {
    return regions.visibility(EntityKind.ACCOUNT, o.account(), scope)
        != EntityRegions.Visibility.NONE;
  }

  private ResponseEntity<byte[]> ok(HoldOrder o) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(HoldJson.one(o, holds.now()));
  }

  static HoldKind kind(String raw) {
    return switch (raw.strip().toLowerCase(Locale.ROOT)) {
      case "stop" -> HoldKind.STOP;
      case "freeze" -> HoldKind.FREEZE;
      default -> throw new BadRequestException("kind: must be stop or freeze, not '" + raw + "'");
    };
  }

  private static @Nullable Duration term(@Nullable JsonNode body) {
    if (body == null || !body.has("term_days") || body.get("term_days").isNull()) {
      return null;
    }
    JsonNode n = body.get("term_days");
    if (!n.isIntegralNumber()
        || !n.canConvertToLong()
        || n.asLong() < 1
        || n.asLong() > MAX_TERM_DAYS) {
      throw new BadRequestException(
          "term_days: must be a whole number of days from 1 to "
              + MAX_TERM_DAYS
              + " (a freeze runs at most 6 months)");
    }
    return Duration.ofDays(n.asLong());
  }

  private static String required(@Nullable JsonNode body, String field, int maxLength) {
    String v = optional(body, field, maxLength);
    if (v == null) {
      throw new BadRequestException(field + ": is required");
    }
    return v;
  }

  private static @Nullable String optional(@Nullable JsonNode body, String field, int maxLength) {
    JsonNode n = body == null ? null : body.get(field);
    if (n == null || n.isNull() || (n.isString() && n.asString().isBlank())) {
      return null;
    }
    if (!n.isString()) {
      throw new BadRequestException(field + ": must be a JSON string");
    }
    String v = n.asString();
    String problem = TextCheck.problem(v, true);
    if (problem != null) {
      throw new BadRequestException(field + ": " + problem);
    }
    if (v.length() > maxLength) {
      throw new BadRequestException(
          field + ": must have at most " + maxLength + " characters, not " + v.length());
    }
    return v;
  }
}

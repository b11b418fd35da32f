package org.fanzha.server.funds;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.money.Money;
import org.fanzha.core.time.Timestamps;
import org.fanzha.graph.funds.FundReturn;
import org.fanzha.graph.funds.ReverseTrace;
import org.fanzha.graph.funds.TraceJson;
import org.fanzha.graph.funds.TraceSettings;
import org.fanzha.server.funds.FundsService.TraceResult;
import org.fanzha.server.funds.HoldService.Actor;
import org.fanzha.server.regions.EntityRegions;
import org.fanzha.server.regions.Jurisdictions;
import org.fanzha.server.system.JsonBodies;
import org.fanzha.store.Database;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fund tracing over the live transfer graph (ANALYST or ADMIN; every call audited): forward from a
 * transfer or an account, backward into an account, and the return of recovered money.
 */
@RestController
@RequestMapping(
    path = "/api/v1/trace",
    produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
@Tag(
    name = "trace",
    description = "Fund tracing (资金查控): where stolen money went, freeze plan, fund return")
class TraceController {

  private final FundsService funds;
  private final Database db;
  private final EntityRegions regions;

  TraceController(FundsService funds, Database db, EntityRegions regions) {
    this.funds = funds;
    this.db = db;
    this.regions = regions;
  }

  @Operation(
      summary = "Trace a journaled transfer forward",
      description =
          "Follows the transfer's money through the transfer graph (time-respecting, FIFO by default): "
              + "edges with tiers, holdings, cash-outs, untraced fragments, each account's tier (一级卡 …) and the freeze "
              + "plan (largest traced holding first; stop when money arrived within 48 h of as_of, else freeze). as_of "
              + "defaults to the latest transfer time held. 404 for an unknown id or an event that is not a transfer.")
  @GetMapping("/transfer/{id}")
  ResponseEntity<byte[]> transfer(
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String policy,
      @RequestParam(name = "max_hops", required = false) @Nullable Integer maxHops,
      @RequestParam(name = "as_of", required = false) @Nullable String asOf,
      @Nullable Authentication auth) {
    TraceSettings s = TraceParams.settings(policy, maxHops);
    Long at = TraceParams.optionalTime("as_of", asOf);
    TraceResult r = funds.traceTransfer(id, s, at);
    visible(auth, r.trace().seed().account());
    audit(auth, "trace.transfer", r.trace().seed().account());
    return json(r);
  }

  @Operation(
      summary = "Trace everything an account paid out after a time",
      description =
          "Seed = every payment of the account from `after` to the end of the window; money coming back "
              + "is reported as returned_to_source. Same shape as the transfer trace.")
  @GetMapping("/account/{account}")
  ResponseEntity<byte[]> account(
      @PathVariable String account,
      @RequestParam String after,
      @RequestParam(required = false) @Nullable String policy,
      @RequestParam(name = "max_hops", required = false) @Nullable Integer maxHops,
      @RequestParam(name = "as_of", required = false) @Nullable String asOf,
      @Nullable Authentication auth) {
    String a = visible(auth, TraceParams.account("account", account));
    TraceResult r =
        funds.traceAccount(
            a,
            TraceParams.time("after", after),
            TraceParams.settings(policy, maxHops),
            TraceParams.optionalTime("as_of", asOf));
    audit(auth, "trace.account", a);
    return json(r);
  }

  @Operation(
      summary = "Trace the money that came into an account back to where it came from",
      description =
          "Every transfer into the account in [from, to], followed backwards hop by hop through each "
              + "payer's FIFO queue; origins (own funds or hop limit) add up to what came in.")
  @GetMapping("/reverse/{account}")
  ResponseEntity<byte[]> reverse(
      @PathVariable String account,
      @RequestParam String from,
      @RequestParam String to,
      @RequestParam(name = "max_hops", required = false) @Nullable Integer maxHops,
      @Nullable Authentication auth) {
    String a = visible(auth, TraceParams.account("account", account));
    ReverseTrace t =
        funds.reverse(
            a,
            TraceParams.time("from", from),
            TraceParams.time("to", to),
            TraceParams.settings(null, maxHops));
    audit(auth, "trace.reverse", a);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(TraceJson.toJson(t).getBytes(StandardCharsets.UTF_8));
  }

  @Operation(
      summary = "Share money recovered from an account among the victims",
      description =
          "transfers = the victims' payments (comma-separated ids). Each is traced; a victim's claim is the "
              + "traced money of theirs held in the account. One traceable victim: straight back (up to what was "
              + "traced); several: pro rata, cut to the fen by largest remainder. `calculation` shows every step.")
  @GetMapping("/return")
  ResponseEntity<byte[]> fundReturn(
      @RequestParam String account,
      @RequestParam String recovered,
      @RequestParam List<String> transfers,
      @Nullable Authentication auth) {
    String a = visible(auth, TraceParams.account("account", account));
    long fen = TraceParams.money("recovered", recovered);
    List<String> ids = new ArrayList<>();
    for (String t : transfers) {
      if (!t.isBlank()) {
        ids.add(t.strip());
      }
    }
    FundReturn.AccountReturn r = funds.fundReturn(a, fen, ids, TraceSettings.DEFAULTS);
    audit(auth, "trace.return", a);
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(returnJson(r));
  }

  static byte[] returnJson(FundReturn.AccountReturn r) {
    return JsonBodies.write(
        g -> {
          g.writeStartObject();
          g.writeStringProperty("account", r.account());
          g.writeStringProperty("recovered", Money.formatYuan(r.recoveredFen()));
          g.writeStringProperty("method", r.method().name().toLowerCase(java.util.Locale.ROOT));
          g.writeArrayPropertyStart("shares");
          for (FundReturn.Share s : r.shares()) {
            g.writeStartObject();
            g.writeStringProperty("victim", s.victim());
            g.writeStringProperty("traced", Money.formatYuan(s.tracedFen()));
            g.writeStringProperty("returned", Money.formatYuan(s.returnFen()));
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeStringProperty("kept", Money.formatYuan(r.keptFen()));
          g.writeArrayPropertyStart("calculation");
          for (String line : r.calculation()) {
            g.writeString(line);
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /**
   * The account, if the caller answers for its region (a trace may follow the money anywhere from
   * there).
   */
  private String visible(@Nullable Authentication auth, String account) {
    regions.requireVisible(EntityKind.ACCOUNT, account, Jurisdictions.of(db, auth));
    return account;
  }

  private void audit(@Nullable Authentication auth, String action, String account) {
    Actor a = Callers.actor(auth);
    db.audit().record(a.name(), a.roles(), action, EntityKind.ACCOUNT, account, true);
  }

  private static ResponseEntity<byte[]> json(TraceResult r) {
    // TraceJson writes one closed object; as_of (the "now" of the freeze plan) is added as its last
    // field.
    String body = TraceJson.toJson(r.trace(), r.plan());
    String withAsOf =
        body.substring(0, body.length() - 1)
            + ",\"as_of\":\""
            + Timestamps.format(r.asOfMillis())
            + "\"}";
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(withAsOf.getBytes(StandardCharsets.UTF_8));
  }
}

package org.fanzha.server.funds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.money.Money;
import org.fanzha.core.time.Timestamps;
import org.fanzha.graph.freeze.HoldKind;
import org.fanzha.graph.freeze.HoldOrder;
import org.fanzha.graph.freeze.HoldRefusedException;
import org.fanzha.graph.funds.ForwardTrace;
import org.fanzha.graph.funds.FreezePlan;
import org.fanzha.graph.funds.FundReturn;
import org.fanzha.graph.funds.Tiers;
import org.fanzha.graph.funds.TraceSettings;
import org.fanzha.server.funds.FundsService.NotTraceableException;
import org.fanzha.server.funds.FundsService.TraceResult;
import org.fanzha.server.funds.HoldService.Actor;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.JsonBodies;
import org.fanzha.server.system.Masks;
import org.fanzha.server.system.Roles;
import org.fanzha.store.Database;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriUtils;

/**
 * The console's fund-tracing pages: {@code /funds} (search and recent orders) and {@code
 * /funds/transfer/{id}} (the flow as an ECharts graph by tier, the freeze plan beside it,
 * cash-outs, stop/freeze requests and the fund-return calculation). Accounts are masked unless the
 * caller is an analyst, as on the main console; every trace view is audited.
 */
@Controller
class FundsPageController {

  private static final int RECENT_HOLDS = 20;

  private final FundsService funds;
  private final HoldService holds;
  private final Database db;

  FundsPageController(FundsService funds, HoldService holds, Database db) {
    this.funds = funds;
    this.holds = holds;
    this.db = db;
  }

  /** One account of the freeze plan as the page shows it. */
  record PlanRow(
      String account,
      String fullAccount,
      String tier,
      String amount,
      boolean stop,
      String basis,
      @Nullable String holdState,
      @Nullable String holdId) {}

  /** One cash-out. */
  record CashRow(String account, String to, String amount, String channel, String time) {}

  /** One victim's share of a fund return. */
  record ShareRow(String victim, String traced, String returned) {}

  /** One hold order in the recent list. */
  record HoldRow(
      String id,
      String kind,
      String account,
      String amount,
      String state,
      String caseRef,
      String time) {}

  @GetMapping("/funds")
  String index(Model model, @Nullable Authentication auth) {
    boolean full = Roles.canSeePersonalData(auth);
    List<HoldRow> rows = new ArrayList<>();
    if (full || isBank(auth)) {
      for (HoldOrder o : holds.recent(RECENT_HOLDS)) {
        rows.add(
            new HoldRow(
                o.id(),
                o.kind().wireName(),
                o.account(),
                Money.formatYuan(o.amountFen()),
                o.state().wireName(),
                o.caseRef(),
                time(o.history().get(0).atMillis())));
      }
    }
    model.addAttribute("holds", rows);
    model.addAttribute("showHolds", full || isBank(auth));
    model.addAttribute("transfers", funds.transferCount());
    model.addAttribute("accounts", funds.accountCount());
    model.addAttribute("user", auth == null || !auth.isAuthenticated() ? null : auth.getName());
    return "funds/index";
  }

  @GetMapping("/funds/search")
  String search(@RequestParam(name = "transfer", required = false) @Nullable String transfer) {
    if (transfer == null || transfer.isBlank()) {
      return "redirect:/funds";
    }
    return "redirect:/funds/transfer/"
        + UriUtils.encodePathSegment(transfer.strip(), java.nio.charset.StandardCharsets.UTF_8);
  }

  @GetMapping("/funds/transfer/{id}")
  String transfer(
      @PathVariable String id, Model model, Locale locale, @Nullable Authentication auth) {
    boolean full = Roles.canSeePersonalData(auth);
    boolean zh = "zh".equals(locale.getLanguage());
    TraceResult r;
    try {
      r = funds.traceTransfer(id, TraceSettings.DEFAULTS, null);
    } catch (NotTraceableException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage(), e);
    }
    Actor actor = Callers.actor(auth);
    db.audit()
        .record(
            actor.name(),
            actor.roles(),
            "trace.view",
            EntityKind.ACCOUNT,
            r.trace().seed().account(),
            full);
    ForwardTrace t = r.trace();
    ForwardTrace.Seed s = t.seed();

    Map<String, HoldOrder> latestHold = new HashMap<>();
    if (full) {
      for (FreezePlan.Item i : r.plan().items()) {
        List<HoldOrder> l = holds.forAccount(i.account());
        if (!l.isEmpty()) {
          latestHold.put(i.account(), l.get(0));
        }
      }
    }
    List<PlanRow> plan = new ArrayList<>();
    for (FreezePlan.Item i : r.plan().items()) {
      HoldOrder h = latestHold.get(i.account());
      plan.add(
          new PlanRow(
              shown(i.account(), full),
              full ? i.account() : "",
              i.tier() == 0 ? i.tierZh() : zh ? Tiers.nameZh(i.tier()) : Tiers.nameEn(i.tier()),
              Money.formatYuan(i.amountFen()),
              i.action() == FreezePlan.Action.STOP,
              zh ? i.basis().textZh() : i.basis().textEn(),
              h == null ? null : h.state().wireName(),
              h == null ? null : h.id()));
    }
    List<CashRow> cash = new ArrayList<>();
    for (ForwardTrace.CashOut c : t.cashedOut()) {
      cash.add(
          new CashRow(
              shown(c.account(), full),
              shown(c.to(), full),
              Money.formatYuan(c.amountFen()),
              c.channel() == null ? "" : c.channel().wireName(),
              time(c.ts())));
    }
    model.addAttribute("id", id);
    model.addAttribute("full", full);
    model.addAttribute("from", shown(s.account(), full));
    model.addAttribute("to", s.to() == null ? "" : shown(s.to(), full));
    model.addAttribute("fullTo", full && s.to() != null ? s.to() : "");
    model.addAttribute("amount", Money.formatYuan(s.amountFen()));
    model.addAttribute("time", time(s.ts()));
    model.addAttribute("windowEnd", time(s.windowEndTs()));
    model.addAttribute("asOf", time(r.asOfMillis()));
    model.addAttribute("held", Money.formatYuan(t.heldFen()));
    model.addAttribute("cashedOut", Money.formatYuan(t.cashedOutFen()));
    model.addAttribute("untraced", Money.formatYuan(t.untracedFen()));
    model.addAttribute("truncated", t.truncated());
    model.addAttribute("plan", plan);
    model.addAttribute("planTotal", Money.formatYuan(r.plan().totalFen()));
    model.addAttribute("belowMinimum", r.plan().belowMinimumAccounts());
    model.addAttribute("cash", cash);
    model.addAttribute("chart", chartJson(t, full, zh));
    model.addAttribute("user", auth == null || !auth.isAuthenticated() ? null : auth.getName());
    return "funds/trace";
  }

  /** Requests a stop or freeze from the trace page (htmx); answers the row's new status. */
  @PostMapping("/funds/holds")
  String requestHold(
      @RequestParam String kind,
      @RequestParam String account,
      @RequestParam String amount,
      @RequestParam(name = "case_ref") String caseRef,
      Model model,
      @Nullable Authentication auth) {
    try {
      HoldKind k = HoldController.kind(kind);
      HoldOrder o =
          holds.request(
              Callers.actor(auth),
              k,
              TraceParams.account("account", account),
              TraceParams.money("amount", amount),
              caseRef,
              null,
              "from the trace page");
      model.addAttribute("state", o.state().wireName());
      model.addAttribute("holdId", o.id());
      model.addAttribute("error", null);
    } catch (BadRequestException | HoldRefusedException e) {
      model.addAttribute("state", null);
      model.addAttribute("holdId", null);
      model.addAttribute("error", e.getMessage());
    }
    return "funds/fragments :: hold-state";
  }

  /** The fund-return calculation for one account of a trace (htmx fragment). */
  @GetMapping("/funds/return")
  String fundReturn(
      @RequestParam String account,
      @RequestParam String recovered,
      @RequestParam String transfers,
      Model model,
      @Nullable Authentication auth) {
    boolean full = Roles.canSeePersonalData(auth);
    if (!full) {
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN, "the fund return names victims: analysts only");
    }
    List<String> ids = new ArrayList<>();
    for (String x : transfers.split("[,\\s]+")) {
      if (!x.isBlank()) {
        ids.add(x);
      }
    }
    try {
      FundReturn.AccountReturn r =
          funds.fundReturn(
              TraceParams.account("account", account),
              TraceParams.money("recovered", recovered),
              ids,
              TraceSettings.DEFAULTS);
      Actor actor = Callers.actor(auth);
      db.audit()
          .record(
              actor.name(), actor.roles(), "trace.return", EntityKind.ACCOUNT, r.account(), true);
      List<ShareRow> shares = new ArrayList<>();
      for (FundReturn.Share x : r.shares()) {
        shares.add(
            new ShareRow(
                x.victim(), Money.formatYuan(x.tracedFen()), Money.formatYuan(x.returnFen())));
      }
      model.addAttribute("shares", shares);
      model.addAttribute("calculation", r.calculation());
      model.addAttribute("method", r.method().name().toLowerCase(Locale.ROOT));
      model.addAttribute("error", null);
    } catch (BadRequestException | NotTraceableException e) {
      model.addAttribute("shares", null);
      model.addAttribute("error", e.getMessage());
    }
    return "funds/fragments :: fund-return";
  }

  /**
   * The flow as an ECharts graph: one node per account placed in a column by tier (the victim at
   * the left, cash-outs at the right), one link per payer–payee pair with the traced amount. Node
   * ids are positions, not accounts, so a masked page carries no identifier whole.
   */
  static String chartJson(ForwardTrace t, boolean full, boolean zh) {
    Map<String, Integer> tierOf = new LinkedHashMap<>();
    Map<String, Long> received = new HashMap<>();
    tierOf.put(t.seed().account(), 0);
    for (ForwardTrace.AccountFlow f : t.accounts()) {
      tierOf.putIfAbsent(f.account(), f.tier());
      received.put(f.account(), f.receivedFen());
    }
    int cashTier = 1;
    for (ForwardTrace.AccountFlow f : t.accounts()) {
      cashTier = Math.max(cashTier, f.tier() + 1);
    }
    Map<String, Long> linkFen = new LinkedHashMap<>();
    for (ForwardTrace.Edge e : t.edges()) {
      if (!tierOf.containsKey(e.to())) {
        tierOf.put(e.to(), e.to().startsWith("cash:") ? -1 : e.hop());
      }
      received.merge(e.to(), 0L, Long::sum);
      linkFen.merge(e.from() + "\u0000" + e.to(), e.amountFen(), Long::sum);
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    Map<Integer, Integer> perColumn = new HashMap<>();
    List<Object[]> nodes = new ArrayList<>();
    for (Map.Entry<String, Integer> en : tierOf.entrySet()) {
      String acct = en.getKey();
      boolean cash = acct.startsWith("cash:");
      int column = cash ? cashTier : en.getValue();
      int row = perColumn.merge(column, 1, Integer::sum) - 1;
      index.put(acct, index.size());
      String tierName =
          cash
              ? (zh ? "取现" : "cash-out")
              : column == 0
                  ? (zh ? "受害人" : "victim")
                  : zh ? Tiers.nameZh(column) : Tiers.nameEn(column);
      nodes.add(new Object[] {acct, column, row, tierName, cash});
    }
    return new String(
        JsonBodies.write(
            g -> {
              g.writeStartObject();
              g.writeArrayPropertyStart("nodes");
              for (Object[] n : nodes) {
                String acct = (String) n[0];
                g.writeStartObject();
                g.writeStringProperty("id", "n" + index.get(acct));
                g.writeStringProperty("name", shown(acct, full));
                g.writeStringProperty("tier", (String) n[3]);
                g.writeNumberProperty("column", (Integer) n[1]);
                g.writeNumberProperty("row", (Integer) n[2]);
                g.writeBooleanProperty("cash", (Boolean) n[4]);
                g.writeStringProperty(
                    "received", Money.formatYuan(received.getOrDefault(acct, 0L)));
                g.writeEndObject();
              }
              g.writeEndArray();
              g.writeArrayPropertyStart("links");
              for (Map.Entry<String, Long> l : linkFen.entrySet()) {
                String[] p = l.getKey().split("\u0000", 2);
                g.writeStartObject();
                g.writeStringProperty("source", "n" + index.get(p[0]));
                g.writeStringProperty("target", "n" + index.get(p[1]));
                g.writeStringProperty("amount", Money.formatYuan(l.getValue()));
                g.writeNumberProperty("fen", l.getValue());
                g.writeEndObject();
              }
              g.writeEndArray();
              g.writeEndObject();
            }),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  private static boolean isBank(@Nullable Authentication auth) {
    return auth != null
        && auth.getAuthorities().stream()
            .anyMatch(a -> ("ROLE_" + Roles.BANK).equals(a.getAuthority()));
  }

  private static String shown(String account, boolean full) {
    return full ? account : Masks.entity(EntityKind.ACCOUNT, account);
  }

  private static String time(long ms) {
    return Timestamps.format(ms).substring(0, 19).replace('T', ' ');
  }
}

package org.fanzha.server.console;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Role;
import org.fanzha.core.id.Masking;
import org.fanzha.core.reason.Reason;
import org.fanzha.core.time.Timestamps;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.Level;
import org.fanzha.engine.Warning;
import org.fanzha.server.demo.DemoProgress;
import org.fanzha.server.demo.DemoStatus;
import org.fanzha.server.funds.FundsService;
import org.fanzha.server.regions.EntityRegions;
import org.fanzha.server.regions.Jurisdictions;
import org.fanzha.server.runner.Runner;
import org.fanzha.server.runner.RunnerStats;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.Masks;
import org.fanzha.server.system.Roles;
import org.fanzha.store.Database;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The console: one page ({@code /}) whose charts poll {@code /console/live.json} and whose tables
 * htmx refreshes from server-rendered fragments every two seconds. Identifiers are always masked
 * here; the unmasked view is the audited entity look-up.
 */
@Controller
class ConsoleController {

  static final int TOP = 12;

  private final Runner runner;
  private final Database db;
  private final ConsoleMetrics metrics;
  private final ObjectProvider<DemoStatus> demo;
  private final FundsService funds;
  private final EntityRegions regions;

  ConsoleController(
      Runner runner,
      Database db,
      ConsoleMetrics metrics,
      ObjectProvider<DemoStatus> demo,
      FundsService funds,
      EntityRegions regions) {
    this.funds = funds;
    this.regions = regions;
    this.runner = runner;
    this.db = db;
    this.metrics = metrics;
    this.demo = demo;
  }

  /** A reason in the page's language, with the other language as a tooltip. */
  record ReasonView(String code, String text, String alt) {}

  /** One row of the riskiest-entities table. */
  record RiskRow(
      String kind,
      String entity,
      int score,
      String level,
      List<String> roles,
      List<ReasonView> reasons) {}

  /** One row of the latest-warnings table. */
  record WarningRow(
      String time,
      String victim,
      String severity,
      String fraudType,
      int evidence,
      @Nullable String transfer) {}

  @GetMapping("/")
  String page(Model model, @Nullable Principal user, @Nullable Authentication auth) {
    model.addAttribute("demo", demo.getIfAvailable() != null);
    model.addAttribute("user", user == null ? null : user.getName());
    model.addAttribute("admin", Caller.of(auth).hasAny(Roles.ADMIN));
    return "console/index";
  }

  @GetMapping("/console/riskiest")
  String riskiest(Model model, Locale locale, @Nullable Authentication auth) {
    List<String> scope = Jurisdictions.of(db, auth);
    // a user limited to regions: another region's entities are not shown (more are read to fill the
    // table)
    List<EntityRisk> top =
        runner.riskiest(scope.isEmpty() ? TOP : TOP * 20).stream()
            .filter(
                r ->
                    regions.visibility(r.entityKind(), r.entity(), scope)
                        != EntityRegions.Visibility.NONE)
            .limit(TOP)
            .toList();
    List<RiskRow> rows = new ArrayList<>(top.size());
    boolean zh = isChinese(locale);
    for (EntityRisk r : top) {
      List<String> roles = r.roles().stream().sorted().map(Role::wireName).toList();
      List<ReasonView> reasons = new ArrayList<>();
      // The strongest three reasons keep the table readable; the entity look-up has them all.
      for (Reason reason : r.reasons().subList(0, Math.min(3, r.reasons().size()))) {
        reasons.add(
            new ReasonView(
                reason.code(),
                zh ? reason.textZh() : reason.textEn(),
                zh ? reason.textEn() : reason.textZh()));
      }
      String masked = Masks.entity(r.entityKind(), r.entity());
      rows.add(
          new RiskRow(
              r.entityKind().wireName(), masked, r.score(), r.level().wireName(), roles, reasons));
    }
    model.addAttribute("rows", rows);
    return "console/fragments :: riskiest";
  }

  @GetMapping("/console/warnings")
  String warnings(Model model, Locale locale, @Nullable Authentication auth) {
    boolean zh = isChinese(locale);
    List<WarningRow> rows = new ArrayList<>();
    List<String> scope = Jurisdictions.of(db, auth);
    for (Warning w : runner.recentWarnings(scope.isEmpty() ? TOP : TOP * 20)) {
      if (rows.size() == TOP) {
        break;
      }
      if (!scope.isEmpty()
          && (w.victimPhone() == null
              || regions.visibility(EntityKind.PHONE, w.victimPhone(), scope)
                  == EntityRegions.Visibility.NONE)) {
        continue; // another region's person
      }
      String victim =
          w.victimPhone() != null
              ? Masking.phone(w.victimPhone())
              : w.victimAccount() != null
                  ? Masks.entity(EntityKind.ACCOUNT, w.victimAccount())
                  : "—";
      String type = zh ? w.fraudType().nameZh() : w.fraudType().nameEn();
      rows.add(
          new WarningRow(
              Timestamps.format(w.ts()).substring(0, 19).replace('T', ' '),
              victim,
              w.severity().wireName(),
              type,
              w.evidence().size(),
              funds.lastTransferAmong(w.evidence()).orElse(null)));
    }
    model.addAttribute("rows", rows);
    return "console/fragments :: warnings";
  }

  @GetMapping(path = "/console/live.json", produces = "application/json")
  @ResponseBody
  Map<String, Object> live() {
    RunnerStats s = runner.stats();
    Map<String, Object> out = new LinkedHashMap<>();
    List<List<Object>> series = new ArrayList<>();
    for (ConsoleMetrics.Point p : metrics.series()) {
      series.add(List.of(p.epochMs(), Math.round(p.eventsPerSecond() * 10) / 10.0));
    }
    out.put("series", series);
    out.put("events_per_s", Math.round(metrics.now()));
    out.put("processed", s.processed());
    out.put("duplicates", s.duplicates());
    Map<String, Long> levels = new LinkedHashMap<>();
    for (Level l : Level.values()) {
      levels.put(l.wireName(), s.decisionsByLevel().getOrDefault(l, 0L));
    }
    out.put("decisions_by_level", levels);
    out.put("warnings", s.warnings());
    out.put("quarantined", db.quarantine().count());
    DemoStatus d = demo.getIfAvailable();
    if (d != null) {
      DemoProgress p = d.progress();
      Map<String, Object> dm = new LinkedHashMap<>();
      dm.put("streamed", p.streamed());
      dm.put(
          "simulated_now",
          p.simulatedNow() == 0
              ? null
              : Timestamps.format(p.simulatedNow()).substring(0, 16).replace('T', ' '));
      dm.put("finished", p.finished());
      dm.put("speed", p.speed());
      out.put("demo", dm);
    }
    return out;
  }

  private static boolean isChinese(Locale locale) {
    return "zh".equals(locale.getLanguage());
  }
}

package org.fanzha.server.warnings;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.id.Masking;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.regions.Units;
import org.fanzha.server.system.Caller;
import org.fanzha.store.Database;
import org.fanzha.store.WarningTask;
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

/**
 * The console's warning desk: {@code /warnings} (the open tasks of a unit, the statistics) and
 * {@code /warnings/{id}} (the task with its evidence timeline, its SMS text and call script, and
 * one button per outcome).
 */
@Controller
class WarningPageController {

  private final WarningDesk desk;
  private final Database db;

  WarningPageController(WarningDesk desk, Database db) {
    this.desk = desk;
    this.db = db;
  }

  /** One task as the pages show it; the person is masked. */
  record Row(
      String id,
      String time,
      String victim,
      String severity,
      String level,
      String fraudType,
      String unit,
      String unitLevel,
      String channel,
      String due,
      boolean overdue,
      String status,
      @Nullable String outcome,
      String protectedYuan) {}

  /** One step of the timeline. */
  record StepRow(String at, String kind, String detail, String by) {}

  @GetMapping("/warnings")
  String queue(
      @RequestParam(defaultValue = "") String unit,
      @RequestParam(defaultValue = "open") String status,
      Model model,
      Locale locale,
      @Nullable Authentication auth) {
    List<String> scope = WarningController.regionsOf(db, auth);
    List<String> units = unit.isBlank() ? scope : List.of(unit);
    if (!unit.isBlank()
        && !scope.isEmpty()
        && scope.stream().noneMatch(unit::startsWith)) { // a unit, not a task
      throw new ResponseStatusException(
          HttpStatus.FORBIDDEN, "unit " + unit + " is outside your regions");
    }
    String s =
        status.equals("all")
            ? null
            : status.equals("closed") ? WarningTask.CLOSED : WarningTask.OPEN;
    model.addAttribute("rows", desk.list(s, units, 500).stream().map(t -> row(t, locale)).toList());
    model.addAttribute("stats", desk.stats(units));
    model.addAttribute("unit", unit);
    model.addAttribute("status", status);
    model.addAttribute("user", Caller.of(auth).name());
    return "warnings/index";
  }

  @GetMapping("/warnings/{id}")
  String task(@PathVariable String id, Model model, Locale locale, @Nullable Authentication auth) {
    WarningTask t = visible(id, auth);
    Caller caller = Caller.of(auth);
    db.audit().recordChange(caller.name(), caller.rolesText(), "warning.view", "warning", id);
    String lang = zh(locale) ? "zh" : "en";
    model.addAttribute("task", row(t, locale));
    model.addAttribute("evidence", t.evidence());
    model.addAttribute("contact", t.contact() == null ? null : Masking.phone(t.contact()));
    model.addAttribute("sms", desk.sms(t, lang));
    model.addAttribute("script", desk.script(t, lang));
    model.addAttribute(
        "steps",
        desk.timeline(id).stream()
            .map(
                s ->
                    new StepRow(
                        Timestamps.format(s.atMs()).substring(0, 19).replace('T', ' '),
                        s.kind(),
                        s.detail(),
                        s.actor()))
            .toList());
    model.addAttribute("user", Caller.of(auth).name());
    return "warnings/task";
  }

  @PostMapping("/warnings/{id}/outcome")
  String outcome(
      @PathVariable String id,
      @RequestParam String outcome,
      @RequestParam(name = "amount_protected", defaultValue = "") String amount,
      @RequestParam(defaultValue = "") String note,
      @Nullable Authentication auth) {
    visible(id, auth);
    long fen = amount.isBlank() ? 0 : WarningController.fen(amount);
    try {
      desk.outcome(id, outcome, fen, note.isBlank() ? null : note, Caller.of(auth));
    } catch (WarningDesk.AlreadyClosed e) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage(), e);
    }
    return "redirect:/warnings/" + id;
  }

  private WarningTask visible(String id, @Nullable Authentication auth) {
    WarningTask t;
    try {
      t = desk.find(id);
    } catch (WarningDesk.UnknownTask e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage(), e);
    }
    if (!WarningDesk.within(t, WarningController.regionsOf(db, auth))) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, "no warning task with id '" + id + "'");
    }
    return t;
  }

  private static Row row(WarningTask t, Locale locale) {
    FraudType type = FraudType.fromWire(t.fraudType());
    String typeName = type == null ? t.fraudType() : zh(locale) ? type.nameZh() : type.nameEn();
    return new Row(
        t.id(),
        Timestamps.format(t.raisedTsMs()).substring(0, 19).replace('T', ' '),
        WarningDesk.maskedVictim(t),
        WarningDesk.grade(t),
        t.severity(),
        typeName,
        t.unit(),
        Units.level(t.unit()),
        t.channel(),
        Timestamps.format(t.dueAtMs()).substring(0, 16).replace('T', ' '),
        t.isOpen() && t.dueAtMs() < System.currentTimeMillis(),
        t.status(),
        t.outcome(),
        BigDecimal.valueOf(t.amountProtectedFen(), 2).toPlainString());
  }

  private static boolean zh(Locale locale) {
    return locale.getLanguage().equals("zh");
  }
}

package org.fanzha.server.clues;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.Masks;
import org.fanzha.store.Clue;
import org.fanzha.store.ClueRepository;
import org.fanzha.store.Database;
import org.fanzha.store.Institution;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's clue page, {@code /clues}: each receiver's record (sent, delivered, acknowledged,
 * answered, late) and the clues of the analyst's regions, late ones in red, targets masked,
 * receivers' answers shown.
 */
@Controller
class CluePageController {

  private final ClueDesk desk;
  private final Database db;
  private final Clock clock;

  CluePageController(ClueDesk desk, Database db, Clock clock) {
    this.desk = desk;
    this.db = db;
    this.clock = clock;
  }

  /** One clue as the page shows it. */
  record Row(
      String id,
      String created,
      String institution,
      String target,
      String severity,
      String fraudType,
      String status,
      String unit,
      String ackDue,
      String answerDue,
      boolean late,
      int attempts,
      @Nullable String error,
      @Nullable String answer,
      @Nullable String note) {}

  /** One receiver's line. */
  record Receiver(String name, String kind, String delivery, ClueRepository.Stats stats) {}

  @GetMapping("/clues")
  String page(
      @RequestParam(defaultValue = "open") String status,
      Model model,
      @Nullable Authentication auth) {
    ClueDesk.Scope scope = ClueController.scope(db, auth);
    Map<String, Institution> byId = desk.institutions();
    long now = clock.millis();
    List<Row> rows =
        desk.list(scope, null, !status.equals("all"), 500).stream()
            .map(c -> row(c, byId.get(c.institutionId()), now))
            .toList();
    model.addAttribute("rows", rows);
    model.addAttribute(
        "receivers",
        desk.stats().entrySet().stream()
            .map(
                e ->
                    new Receiver(
                        e.getKey().name(),
                        e.getKey().kind(),
                        e.getKey().webhookUrl() != null ? "webhook" : "pull",
                        e.getValue()))
            .toList());
    model.addAttribute("status", status);
    Caller caller = Caller.of(auth);
    model.addAttribute("user", caller.name());
    db.audit()
        .recordChange(caller.name(), caller.rolesText(), "clue.page:" + rows.size(), "clue", "*");
    return "clues/index";
  }

  private static Row row(Clue c, @Nullable Institution to, long now) {
    ListKind kind = ListKind.fromWire(c.targetKind());
    return new Row(
        c.id(),
        minute(c.createdAtMs()),
        to == null ? c.institutionId() : to.name(),
        c.targetKind() + " " + (kind == null ? "…" : Masks.listed(kind, c.targetValue())),
        c.severity(),
        c.fraudType(),
        c.status(),
        c.unit(),
        minute(c.ackDueMs()),
        minute(c.feedbackDueMs()),
        c.overdue(now),
        c.attempts(),
        c.lastError(),
        c.feedbackCode(),
        c.feedbackNote());
  }

  private static String minute(long ms) {
    return Timestamps.format(ms).substring(0, 16).replace('T', ' ');
  }
}

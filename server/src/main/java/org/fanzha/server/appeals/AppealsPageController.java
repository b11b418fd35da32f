package org.fanzha.server.appeals;

import java.util.List;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Caller;
import org.fanzha.store.Appeal;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The reviewers' appeal queue: each open appeal with its statement and files, and a decision form.
 */
@Controller
class AppealsPageController {

  private final AppealService appeals;

  AppealsPageController(AppealService appeals) {
    this.appeals = appeals;
  }

  /** One appeal as the page shows it. */
  record Row(
      String id,
      String kind,
      String value,
      String statement,
      String contact,
      String due,
      boolean overdue,
      List<String> entries,
      List<String> files) {}

  @GetMapping("/appeals")
  String queue(Model model, @Nullable Authentication auth) {
    List<Appeal> open = appeals.withStatus("open", 200);
    model.addAttribute(
        "rows",
        open.stream()
            .map(
                a ->
                    new Row(
                        a.id(),
                        a.kind().wireName(),
                        a.value(),
                        a.statement(),
                        a.contact(),
                        Timestamps.format(a.dueAtMs()).substring(0, 10),
                        a.dueAtMs() < System.currentTimeMillis(),
                        a.entries(),
                        appeals.fileNames(a.id())))
            .toList());
    model.addAttribute("user", Caller.of(auth).name());
    return "appeals/index";
  }

  @PostMapping("/appeals/{id}/decision")
  String decide(
      @PathVariable String id,
      @RequestParam String outcome,
      @RequestParam(defaultValue = "") String note,
      Model model,
      @Nullable Authentication auth) {
    try {
      appeals.decide(id, outcome, note, Caller.of(auth));
    } catch (BadRequestException | AppealService.Refused e) {
      model.addAttribute("problem", id + ": " + e.getMessage());
      return queue(model, auth);
    }
    return "redirect:/appeals";
  }
}

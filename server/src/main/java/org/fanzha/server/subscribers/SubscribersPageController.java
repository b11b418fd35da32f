package org.fanzha.server.subscribers;

import java.util.List;
import org.fanzha.server.regions.Jurisdictions;
import org.fanzha.server.runner.Runner;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.Roles;
import org.fanzha.server.verifications.VerificationDesk;
import org.fanzha.server.verifications.VerificationKinds;
import org.fanzha.store.Database;
import org.fanzha.store.VerificationTask;
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
 * The console's page of operators' and banks' duties: a number's subscriber score with its lines
 * and limits, and the re-verification queue with one-click outcomes ({@code /subscribers}).
 */
@Controller
class SubscribersPageController {

  private final Runner runner;
  private final VerificationDesk desk;
  private final Database db;
  private final SubscriberLookup lookup;

  SubscribersPageController(
      Runner runner, VerificationDesk desk, Database db, SubscriberLookup lookup) {
    this.runner = runner;
    this.desk = desk;
    this.db = db;
    this.lookup = lookup;
  }

  @GetMapping("/subscribers")
  String page(
      @RequestParam(defaultValue = "") String phone,
      @RequestParam(defaultValue = "active") String state,
      Model model,
      @Nullable Authentication auth) {
    Caller caller = Caller.of(auth);
    model.addAttribute("user", caller.name());
    model.addAttribute("phone", phone);
    model.addAttribute("score", null);
    model.addAttribute("problem", null);
    model.addAttribute("shownPhone", null);
    if (!phone.isBlank()) {
      lookUp(phone, model, caller, auth);
    }
    List<String> regions = Jurisdictions.of(db, auth);
    List<VerificationTask> tasks =
        desk.list(state.equals("all") ? null : state, VerificationKinds.of(caller), 300).stream()
            .filter(t -> Jurisdictions.within(t.region(), regions))
            .toList();
    model.addAttribute("state", state);
    model.addAttribute("tasks", tasks);
    model.addAttribute("refused", runner.recentStoppedOpenings(50));
    model.addAttribute("mask", !org.fanzha.server.system.Roles.canSeePersonalData(auth));
    return "subscribers/index";
  }

  /** A number's score, as the API answers it: operators and analysts only, within their regions. */
  private void lookUp(String phone, Model model, Caller caller, @Nullable Authentication auth) {
    if (!caller.hasAny(Roles.OPERATOR, Roles.ANALYST, Roles.ADMIN)) {
      model.addAttribute("problem", "the subscriber score is for operators and analysts");
      return;
    }
    SubscriberLookup.Result r = lookup.find(phone, auth);
    model.addAttribute("shownPhone", r.shownPhone());
    model.addAttribute("score", r.score());
    if (r.outcome() != SubscriberLookup.Outcome.FOUND) {
      model.addAttribute("problem", r.shownPhone() + ": " + r.detail());
    }
  }

  @PostMapping("/subscribers/verifications/{id}")
  String outcome(
      @PathVariable String id,
      @RequestParam String outcome,
      @RequestParam(defaultValue = "") String note,
      @Nullable Authentication auth) {
    Caller caller = Caller.of(auth);
    try {
      VerificationTask t = desk.find(id);
      if (!VerificationKinds.of(caller).contains(t.entityKind())
          || !Jurisdictions.within(t.region(), Jurisdictions.of(db, auth))) {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no verification task " + id);
      }
      desk.outcome(id, outcome, note.isBlank() ? null : note, caller);
    } catch (VerificationDesk.Refused e) {
      throw new ResponseStatusException(HttpStatus.valueOf(e.status()), e.getMessage(), e);
    }
    return "redirect:/subscribers";
  }
}

package org.fanzha.server.lists;

import java.time.Clock;
import java.util.List;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.event.ListName;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Caller;
import org.fanzha.store.Database;
import org.fanzha.store.ListEntry;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The console's lists page: look a value up with its history, add an entry, lift one. */
@Controller
class ListsPageController {

  private final ListService lists;
  private final Database db;
  private final Clock clock;

  ListsPageController(ListService lists, Database db, Clock clock) {
    this.lists = lists;
    this.db = db;
    this.clock = clock;
  }

  /** One entry as the page shows it. */
  record Row(
      String id,
      String list,
      String kind,
      String value,
      String reason,
      String source,
      String created,
      String author,
      String expires,
      boolean inForce,
      @Nullable String liftedBy) {}

  @GetMapping("/lists")
  String page(
      @RequestParam(required = false) @Nullable String kind,
      @RequestParam(required = false) @Nullable String value,
      Model model,
      @Nullable Authentication auth) {
    model.addAttribute("kind", kind == null ? "phone" : kind);
    model.addAttribute("value", value == null ? "" : value);
    List<ListEntry> shown;
    ListKind k = kind == null ? null : ListKind.fromWire(kind);
    Caller caller = Caller.of(auth);
    if (k != null && value != null && !value.isBlank()) {
      try {
        shown = lists.history(k, value);
        db.audit()
            .recordChange(
                caller.name(),
                caller.rolesText(),
                "list.lookup:" + k.wireName(),
                "list_value",
                lists.normalised(k, value));
      } catch (BadRequestException e) {
        model.addAttribute("problem", e.getMessage());
        shown = List.of();
      }
    } else {
      shown = db.lists().recent(null, true, clock.millis(), 100);
    }
    long now = clock.millis();
    model.addAttribute("rows", shown.stream().map(e -> row(e, now)).toList());
    model.addAttribute("user", caller.name());
    return "lists/index";
  }

  @PostMapping("/lists")
  String add(
      @RequestParam String list,
      @RequestParam String kind,
      @RequestParam String value,
      @RequestParam String reason,
      @RequestParam(defaultValue = "institution") String source,
      @RequestParam(required = false) @Nullable String legalBasis,
      Model model,
      @Nullable Authentication auth) {
    try {
      ListName l = ListController.wire("list", list, ListName.fromWire(list), ListName.allowed());
      ListKind k = ListController.wire("kind", kind, ListKind.fromWire(kind), ListKind.allowed());
      ListEntry e =
          lists.add(
              new ListService.NewEntry(
                  l,
                  k,
                  value,
                  null,
                  null,
                  reason,
                  source,
                  null,
                  legalBasis == null || legalBasis.isBlank() ? null : legalBasis,
                  null,
                  null),
              Caller.of(auth));
      return "redirect:/lists?kind="
          + e.kind().wireName()
          + "&value="
          + java.net.URLEncoder.encode(e.value(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (BadRequestException e) {
      model.addAttribute("addProblem", e.getMessage());
      return page(null, null, model, auth);
    }
  }

  @PostMapping("/lists/{id}/lift")
  String lift(
      @PathVariable String id,
      @RequestParam(defaultValue = "lifted by an analyst") String reason,
      @Nullable Authentication auth) {
    ListEntry e = lists.lift(id, reason, Caller.of(auth)).orElse(null);
    return e == null
        ? "redirect:/lists"
        : "redirect:/lists?kind="
            + e.kind().wireName()
            + "&value="
            + java.net.URLEncoder.encode(e.value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Row row(ListEntry e, long now) {
    return new Row(
        e.id(),
        e.list().wireName(),
        e.kind().wireName(),
        e.value(),
        e.reason(),
        e.source(),
        day(e.createdAtMs()),
        e.author(),
        e.expiresAtMs() == null ? "—" : day(e.expiresAtMs()),
        e.inForce(now),
        e.liftedBy());
  }

  private static String day(long ms) {
    return Timestamps.format(ms).substring(0, 16).replace('T', ' ');
  }
}

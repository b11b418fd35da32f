package org.fanzha.server.work;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "My work", {@code /work}: what is given to me, soonest due first, late in red; what nobody works
 * yet, to claim. An item's page, {@code /work/{kind}/{ref}}: who works it, a link to the page that
 * works it, its notes and files, and forms to give it on and to add a note.
 */
@Controller
class WorkPageController {

  private final WorkItems items;
  private final WorkService work;
  private final Clock clock;

  WorkPageController(WorkItems items, WorkService work, Clock clock) {
    this.items = items;
    this.work = work;
    this.clock = clock;
  }

  /** One item as the pages show it. */
  record Row(
      String kind,
      String ref,
      String title,
      String unit,
      String due,
      boolean overdue,
      String status,
      String link,
      @Nullable String assignee,
      long notes) {}

  /** One note as the item page shows it. */
  record NoteRow(String id, String author, String at, String text, @Nullable String file) {}

  @GetMapping("/work")
  String mine(Model model, @Nullable Authentication auth) {
    String me = Caller.of(auth).name();
    long now = clock.millis();
    List<WorkItem> open = items.open(auth);
    model.addAttribute(
        "mine", open.stream().filter(w -> me.equals(w.assignee())).map(w -> row(w, now)).toList());
    model.addAttribute(
        "unassigned",
        open.stream().filter(w -> w.assignee() == null).map(w -> row(w, now)).toList());
    model.addAttribute("user", me);
    return "work/index";
  }

  @GetMapping("/work/{kind}/{ref}")
  String one(
      @PathVariable String kind,
      @PathVariable String ref,
      Model model,
      @Nullable Authentication auth) {
    WorkItem w = found(kind, ref, auth);
    model.addAttribute("item", row(w, clock.millis()));
    model.addAttribute(
        "notes",
        work.notes(kind, ref, auth).stream()
            .map(n -> new NoteRow(n.id(), n.author(), minute(n.atMs()), n.text(), n.fileName()))
            .toList());
    model.addAttribute("user", Caller.of(auth).name());
    return "work/item";
  }

  @PostMapping("/work/{kind}/{ref}/assign")
  String assign(
      @PathVariable String kind,
      @PathVariable String ref,
      @RequestParam(defaultValue = "") String assignee,
      @Nullable Authentication auth,
      RedirectAttributes redirect) {
    found(kind, ref, auth);
    try {
      work.assign(kind, ref, assignee.isBlank() ? null : assignee.strip(), auth);
    } catch (BadRequestException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:/work/" + kind + "/" + ref;
  }

  @PostMapping("/work/{kind}/{ref}/notes")
  String note(
      @PathVariable String kind,
      @PathVariable String ref,
      @RequestParam(defaultValue = "") String text,
      @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
      @Nullable Authentication auth,
      RedirectAttributes redirect)
      throws IOException {
    found(kind, ref, auth);
    try {
      work.note(kind, ref, text, WorkController.received(file), auth);
    } catch (BadRequestException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:/work/" + kind + "/" + ref;
  }

  private WorkItem found(String kind, String ref, @Nullable Authentication auth) {
    try {
      return items.find(kind, ref, auth);
    } catch (WorkItems.UnknownItem e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage(), e);
    }
  }

  private static Row row(WorkItem w, long now) {
    return new Row(
        w.kind(),
        w.ref(),
        w.title(),
        w.unit() == null ? "—" : w.unit(),
        w.dueMs() == null ? "—" : minute(w.dueMs()),
        w.overdue(now),
        w.status(),
        w.link(),
        w.assignee(),
        w.notes());
  }

  private static String minute(long ms) {
    return Timestamps.format(ms).substring(0, 16).replace('T', ' ');
  }
}

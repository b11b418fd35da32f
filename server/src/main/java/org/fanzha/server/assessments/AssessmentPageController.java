package org.fanzha.server.assessments;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.Roles;
import org.fanzha.store.Assessment;
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
 * The console's register of new-business assessments: {@code /assessments} (all, newest first),
 * {@code /assessments/new} (the form: every risk point with its control), {@code /assessments/{id}}
 * (one, with the reviewer's sign-off or return).
 */
@Controller
class AssessmentPageController {

  private final AssessmentService service;

  AssessmentPageController(AssessmentService service) {
    this.service = service;
  }

  @GetMapping("/assessments")
  String register(Model model, @Nullable Authentication auth) {
    model.addAttribute("rows", service.list(null, 500));
    model.addAttribute("user", Caller.of(auth).name());
    return "assessments/index";
  }

  @GetMapping("/assessments/new")
  String form(Model model, @Nullable Authentication auth) {
    model.addAttribute("points", AssessmentService.POINTS);
    model.addAttribute("error", null);
    model.addAttribute("user", Caller.of(auth).name());
    return "assessments/new";
  }

  @PostMapping("/assessments/new")
  String submit(
      @RequestParam Map<String, String> form, Model model, @Nullable Authentication auth) {
    Map<String, @Nullable String> checklist = new LinkedHashMap<>();
    for (String p : AssessmentService.POINTS) {
      checklist.put(
          p, form.containsKey("present." + p) ? form.getOrDefault("control." + p, "") : null);
    }
    try {
      for (String p : AssessmentService.POINTS) {
        if (form.containsKey("present." + p) && form.getOrDefault("control." + p, "").isBlank()) {
          throw new BadRequestException(
              "checklist." + p + ": a risk point the service has needs its control");
        }
      }
      Assessment a =
          service.submit(
              new AssessmentService.Submission(
                  form.getOrDefault("institution", ""),
                  form.getOrDefault("service", ""),
                  form.getOrDefault("category", ""),
                  form.getOrDefault("description", ""),
                  form.getOrDefault("launch_date", ""),
                  checklist,
                  form.getOrDefault("risk_level", ""),
                  form.getOrDefault("conclusion", "")),
              Caller.of(auth));
      return "redirect:/assessments/" + a.id();
    } catch (BadRequestException e) {
      model.addAttribute("points", AssessmentService.POINTS);
      model.addAttribute("error", e.getMessage());
      model.addAttribute("form", form);
      model.addAttribute("user", Caller.of(auth).name());
      return "assessments/new";
    }
  }

  @GetMapping("/assessments/{id}")
  String one(@PathVariable String id, Model model, @Nullable Authentication auth) {
    Assessment a = found(id);
    Caller caller = Caller.of(auth);
    model.addAttribute("a", a);
    model.addAttribute(
        "created", Timestamps.format(a.createdAtMs()).substring(0, 16).replace('T', ' '));
    model.addAttribute(
        "reviewed",
        a.reviewedAtMs() == null
            ? null
            : Timestamps.format(a.reviewedAtMs()).substring(0, 16).replace('T', ' '));
    model.addAttribute(
        "mayReview",
        a.status().equals(Assessment.SUBMITTED)
            && caller.hasAny(Roles.REVIEWER, Roles.ADMIN)
            && !a.author().equals(caller.name()));
    model.addAttribute("user", caller.name());
    return "assessments/one";
  }

  @PostMapping("/assessments/{id}/review")
  String review(
      @PathVariable String id,
      @RequestParam String decision,
      @RequestParam(defaultValue = "") String note,
      @Nullable Authentication auth) {
    found(id);
    try {
      service.review(id, decision, note.isBlank() ? null : note, Caller.of(auth));
    } catch (AssessmentService.Refused e) {
      throw new ResponseStatusException(HttpStatus.CONFLICT, e.getMessage(), e);
    }
    return "redirect:/assessments/" + id;
  }

  private Assessment found(String id) {
    try {
      return service.find(id);
    } catch (AssessmentService.Unknown e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, e.getMessage(), e);
    }
  }
}

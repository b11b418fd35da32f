package org.fanzha.server.gangs;

import org.fanzha.server.system.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The console's gangs: the list of the last search and one gang drawn with its roles ({@code /gangs}). */
@Controller
class GangsPageController {

  private final GangService gangs;

  GangsPageController(GangService gangs) {
    this.gangs = gangs;
  }

  @GetMapping("/gangs")
  String page(@RequestParam(defaultValue = "") String id, Model model, @Nullable Authentication auth) {
    GangService.Found f = gangs.found();
    model.addAttribute("user", Caller.of(auth).name());
    model.addAttribute("found", f);
    model.addAttribute("selected", id.isBlank() ? f.gangs().stream().findFirst().map(g -> g.id()).orElse("") : id);
    return "gangs/index";
  }
}

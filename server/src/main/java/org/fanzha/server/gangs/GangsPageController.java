package org.fanzha.server.gangs;

import java.util.List;
import org.fanzha.graph.gangs.Gang;
import org.fanzha.server.regions.EntityRegions;
import org.fanzha.server.regions.Jurisdictions;
import org.fanzha.server.system.Caller;
import org.fanzha.store.Database;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's gangs: the list of the last search and one gang drawn with its roles ({@code
 * /gangs}).
 */
@Controller
class GangsPageController {

  private final GangService gangs;
  private final EntityRegions regions;
  private final Database db;

  GangsPageController(GangService gangs, EntityRegions regions, Database db) {
    this.gangs = gangs;
    this.regions = regions;
    this.db = db;
  }

  @GetMapping("/gangs")
  String page(
      @RequestParam(defaultValue = "") String id, Model model, @Nullable Authentication auth) {
    GangService.Found f = gangs.found();
    List<String> prefixes = Jurisdictions.of(db, auth);
    List<Gang> shown =
        f.gangs().stream().filter(g -> GangController.visible(g, prefixes, regions)).toList();
    Caller caller = Caller.of(auth);
    db.audit().recordChange(caller.name(), caller.rolesText(), "gangs.page", "gang", id);
    model.addAttribute("user", caller.name());
    model.addAttribute("found", f);
    model.addAttribute("gangs", shown);
    model.addAttribute(
        "selected",
        shown.stream()
            .map(Gang::id)
            .filter(g -> id.isBlank() || g.equals(id))
            .findFirst()
            .orElse(""));
    return "gangs/index";
  }
}

package org.fanzha.server.audit;

import java.util.List;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.time.Timestamps;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.Masks;
import org.fanzha.store.AuditEntry;
import org.fanzha.store.Database;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The audit chain for administrators, {@code /audit}: whether it verifies (and where it broke),
 * when it was checked, what retention has cut, and the newest entries with the people they name
 * masked. A check can be run at once.
 */
@Controller
class AuditPageController {
  private static final int SHOWN = 100;

  private final AuditChain chain;
  private final AuditSettings settings;
  private final Database db;

  AuditPageController(AuditChain chain, AuditSettings settings, Database db) {
    this.chain = chain;
    this.settings = settings;
    this.db = db;
  }

  /** One entry as the page shows it. */
  record Row(long id, String at, String actor, String roles, String action, String subject) {}

  @GetMapping("/audit")
  String page(Model model, @Nullable Authentication auth) {
    AuditChain.Check c = chain.last();
    model.addAttribute("check", c);
    model.addAttribute("checkedAt", c == null ? null : second(c.atMs()));
    model.addAttribute(
        "cutAt", c == null || c.anchor().rowsCut() == 0 ? null : second(c.anchor().cutAtMs()));
    model.addAttribute("retentionDays", settings.retention().toDays());
    List<Row> rows = db.audit().recent(SHOWN).stream().map(AuditPageController::row).toList();
    model.addAttribute("rows", rows);
    model.addAttribute("user", Caller.of(auth).name());
    return "audit/index";
  }

  @PostMapping("/audit/check")
  String checkNow(@Nullable Authentication auth) {
    Caller by = Caller.of(auth);
    db.audit().recordChange(by.name(), by.rolesText(), "audit.check", "audit", "chain");
    chain.check();
    return "redirect:/audit";
  }

  private static Row row(AuditEntry e) {
    EntityKind kind = EntityKind.fromWire(e.subjectKind());
    String subject = kind == null ? e.entity() : Masks.entity(kind, e.entity());
    return new Row(
        e.id(),
        second(e.at().toEpochMilli()),
        e.actor(),
        e.roles(),
        e.action(),
        e.subjectKind() + " " + subject);
  }

  private static String second(long ms) {
    return Timestamps.format(ms).substring(0, 19).replace('T', ' ');
  }
}

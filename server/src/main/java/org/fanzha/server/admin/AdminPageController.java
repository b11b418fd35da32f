package org.fanzha.server.admin;

import java.util.Arrays;
import java.util.List;
import org.fanzha.server.clues.ClueDesk;
import org.fanzha.server.clues.InstitutionService;
import org.fanzha.server.keys.ApiKeyService;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.Roles;
import org.fanzha.server.users.StaffUserDetails;
import org.fanzha.server.users.UserService;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /admin}: who may sign in (staff users with roles and regions), which machines may call
 * (API keys), and who receives clues (institutions). A key or an institution's key is shown once,
 * right after it is made; lists never show one.
 */
@Controller
class AdminPageController {

  private final UserService users;
  private final StaffUserDetails accounts;
  private final ApiKeyService keys;
  private final InstitutionService institutions;
  private final ClueDesk clues;

  AdminPageController(
      UserService users,
      StaffUserDetails accounts,
      ApiKeyService keys,
      InstitutionService institutions,
      ClueDesk clues) {
    this.users = users;
    this.accounts = accounts;
    this.keys = keys;
    this.institutions = institutions;
    this.clues = clues;
  }

  @GetMapping("/admin")
  String page(Model model, @Nullable Authentication auth) {
    model.addAttribute("users", users.list());
    model.addAttribute("keys", keys.list());
    model.addAttribute("institutions", clues.institutions().values());
    model.addAttribute("roles", Roles.ALL.stream().filter(r -> !r.equals(Roles.ADMIN)).toList());
    model.addAttribute("user", Caller.of(auth).name());
    return "admin/index";
  }

  @PostMapping("/admin/users")
  String createUser(
      @RequestParam String name,
      @RequestParam String password,
      @RequestParam(defaultValue = "") List<String> roles,
      @RequestParam(defaultValue = "") String regions,
      @Nullable Authentication auth,
      RedirectAttributes redirect) {
    try {
      users.create(
          Caller.of(auth),
          name.strip(),
          password,
          roles,
          split(regions),
          accounts.configuredNames());
      redirect.addFlashAttribute("done", "user " + name.strip());
    } catch (BadRequestException | UserService.NameTaken e) {
      redirect.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:/admin";
  }

  @PostMapping("/admin/keys")
  String issueKey(
      @RequestParam String name,
      @RequestParam(defaultValue = "") List<String> roles,
      @RequestParam(defaultValue = "") String regions,
      @Nullable Authentication auth,
      RedirectAttributes redirect) {
    try {
      shown(redirect, keys.create(Caller.of(auth), name.strip(), roles, split(regions)));
    } catch (BadRequestException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:/admin";
  }

  @PostMapping("/admin/keys/{id}/rotate")
  String rotate(
      @PathVariable String id, @Nullable Authentication auth, RedirectAttributes redirect) {
    try {
      shown(redirect, keys.rotate(Caller.of(auth), id));
    } catch (ApiKeyService.NoSuchKey e) {
      redirect.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:/admin";
  }

  @PostMapping("/admin/keys/{id}/revoke")
  String revoke(
      @PathVariable String id, @Nullable Authentication auth, RedirectAttributes redirect) {
    try {
      keys.revoke(Caller.of(auth), id);
      redirect.addFlashAttribute("done", "key " + id + " revoked");
    } catch (ApiKeyService.NoSuchKey e) {
      redirect.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:/admin";
  }

  @PostMapping("/admin/institutions")
  String register(
      @RequestParam String name,
      @RequestParam String kind,
      @RequestParam(defaultValue = "") String regions,
      @RequestParam(defaultValue = "") String prefixes,
      @RequestParam(defaultValue = "low") String minSeverity,
      @RequestParam(defaultValue = "") String webhookUrl,
      @RequestParam(defaultValue = "") String secret,
      @Nullable Authentication auth,
      RedirectAttributes redirect) {
    try {
      InstitutionService.Registered r =
          institutions.register(
              new InstitutionService.NewInstitution(
                  name.strip(),
                  kind,
                  split(regions),
                  split(prefixes),
                  minSeverity,
                  webhookUrl.isBlank() ? null : webhookUrl.strip(),
                  secret.isEmpty() ? null : secret),
              Caller.of(auth));
      shown(redirect, r.key());
    } catch (BadRequestException e) {
      redirect.addFlashAttribute("problem", e.getMessage());
    }
    return "redirect:/admin";
  }

  /** Hands a new key to the next page, the only time it is shown. */
  private static void shown(RedirectAttributes redirect, ApiKeyService.Issued issued) {
    redirect.addFlashAttribute("issued", issued.key());
    redirect.addFlashAttribute("issuedFor", issued.record().name());
  }

  private static List<String> split(String commaSeparated) {
    return Arrays.stream(commaSeparated.split("[,，\\s]+")).filter(s -> !s.isBlank()).toList();
  }
}

package org.fanzha.server.portal;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.ListKind;
import org.fanzha.server.appeals.AppealService;
import org.fanzha.server.appeals.EvidenceFiles;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.warnings.WarningDesk;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The portal's pages: look-up and report ({@code /portal}), appeal and its status ({@code
 * /portal/appeal}), one page per fraud type ({@code /portal/learn/{type}}). Plain forms, no script;
 * every text the public sent is shown escaped.
 */
@Controller
class PortalPageController {

  private final PortalService portal;
  private final AppealService appeals;
  private final PortalLimits limits;
  private final WarningDesk desk;

  PortalPageController(
      PortalService portal, AppealService appeals, PortalLimits limits, WarningDesk desk) {
    this.portal = portal;
    this.appeals = appeals;
    this.limits = limits;
    this.desk = desk;
  }

  /**
   * A fraud type on the education list, with how many warnings of that type the platform raised.
   */
  record TypeRow(String code, String name, long warnings) {}

  @GetMapping("/portal")
  String index(
      @RequestParam(required = false) @Nullable String kind,
      @RequestParam(required = false) @Nullable String value,
      Model model,
      Locale locale,
      HttpServletRequest request) {
    model.addAttribute("kind", kind == null ? "phone" : kind);
    model.addAttribute("value", value == null ? "" : value);
    if (kind != null && value != null && !value.isBlank()) {
      ListKind k = ListKind.fromWire(kind);
      if (k == null || !PortalService.LOOKUP_KINDS.contains(k)) {
        model.addAttribute("problem", "kind: phone, account or url");
      } else if (!limits.lookup(request.getRemoteAddr(), k, value)) {
        model.addAttribute("problem", "too-many");
      } else {
        try {
          model.addAttribute("answer", portal.lookup(k, value));
        } catch (BadRequestException e) {
          model.addAttribute("problem", e.getMessage());
        }
      }
    }
    return page(model, locale, "portal/index");
  }

  @PostMapping("/portal/report")
  String report(
      @RequestParam String kind,
      @RequestParam String value,
      @RequestParam String text,
      @RequestParam(required = false) @Nullable String fraudType,
      Model model,
      Locale locale,
      HttpServletRequest request) {
    model.addAttribute("kind", "phone");
    model.addAttribute("value", "");
    if (!limits.send(request.getRemoteAddr())) {
      model.addAttribute("reportProblem", "too-many");
    } else {
      try {
        model.addAttribute(
            "reported",
            portal.report(List.of(new PortalService.Target(kind, value)), text, fraudType));
      } catch (BadRequestException e) {
        model.addAttribute("reportProblem", e.getMessage());
      } catch (RejectedExecutionException e) {
        model.addAttribute("reportProblem", "busy");
      }
    }
    return page(model, locale, "portal/index");
  }

  @GetMapping("/portal/appeal")
  String appealForm(Model model, Locale locale) {
    return page(model, locale, "portal/appeal");
  }

  /** The status by token; posted, so the token stays out of addresses, histories and logs. */
  @PostMapping("/portal/appeal/status")
  String appealStatus(@RequestParam String token, Model model, Locale locale) {
    model.addAttribute("status", appeals.byToken(token.strip()).orElse(null));
    model.addAttribute("looked", true);
    return page(model, locale, "portal/appeal");
  }

  @PostMapping("/portal/appeal")
  String appeal(
      @RequestParam String kind,
      @RequestParam String value,
      @RequestParam String reason,
      @RequestParam String contact,
      @RequestParam(name = "files", required = false) @Nullable MultipartFile[] files,
      Model model,
      Locale locale,
      HttpServletRequest request)
      throws IOException {
    if (!limits.send(request.getRemoteAddr())) {
      model.addAttribute("appealProblem", "too-many");
      return page(model, locale, "portal/appeal");
    }
    List<EvidenceFiles.Received> received = new ArrayList<>();
    if (files != null
        && Arrays.stream(files).filter(f -> !f.isEmpty()).count() > EvidenceFiles.MAX_FILES) {
      model.addAttribute("appealProblem", "files: at most " + EvidenceFiles.MAX_FILES + " files");
      return page(model, locale, "portal/appeal");
    }
    for (MultipartFile f : files == null ? new MultipartFile[0] : files) {
      if (!f.isEmpty()) {
        if (f.getSize() > EvidenceFiles.MAX_BYTES) {
          model.addAttribute("appealProblem", "files: at most 5 MB each");
          return page(model, locale, "portal/appeal");
        }
        received.add(
            new EvidenceFiles.Received(
                f.getOriginalFilename() == null ? "" : f.getOriginalFilename(), f.getBytes()));
      }
    }
    ListKind k = ListKind.fromWire(kind);
    try {
      if (k == null) {
        throw new BadRequestException("kind: unknown value");
      }
      model.addAttribute("sent", appeals.submit(k, value, reason, contact, received));
    } catch (BadRequestException e) {
      model.addAttribute("appealProblem", e.getMessage());
    }
    return page(model, locale, "portal/appeal");
  }

  @GetMapping("/portal/learn/{type}")
  String learn(@PathVariable String type, Model model, Locale locale) {
    FraudType t = FraudType.fromWire(type);
    if (t == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such fraud type");
    }
    boolean zh = locale.getLanguage().equals("zh");
    List<String> advice = desk.advice(t, zh ? "zh" : "en");
    model.addAttribute(
        "type",
        new TypeRow(
            t.wireName(),
            zh ? t.nameZh() : t.nameEn(),
            desk.stats(List.of()).byType().getOrDefault(t.wireName(), 0L)));
    model.addAttribute("sms", advice.get(0));
    model.addAttribute("script", advice.get(1));
    return page(model, locale, "portal/learn");
  }

  private String page(Model model, Locale locale, String view) {
    boolean zh = locale.getLanguage().equals("zh");
    Map<String, Long> counts = desk.stats(List.of()).byType();
    model.addAttribute(
        "types",
        Arrays.stream(FraudType.values())
            .map(
                t ->
                    new TypeRow(
                        t.wireName(),
                        zh ? t.nameZh() : t.nameEn(),
                        counts.getOrDefault(t.wireName(), 0L)))
            .toList());
    return view;
  }
}

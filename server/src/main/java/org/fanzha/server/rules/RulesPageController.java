package org.fanzha.server.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fanzha.core.time.Timestamps;
import org.fanzha.engine.replay.Backtest;
import org.fanzha.engine.rules.Rule;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.file.RuleFileException;
import org.fanzha.engine.rules.file.RuleFileProblem;
import org.fanzha.engine.rules.file.RuleSpec;
import org.fanzha.server.runner.ShadowStats;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.Roles;
import org.fanzha.store.RuleVersion;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's rule pages: {@code /rules} (the live rules, every version, a form to write a new
 * one from the live text) and {@code /rules/versions/{v}} (its text and rules; back-test on an
 * uploaded events file, shadow with live statistics, publish for a reviewer who did not write it).
 */
@Controller
class RulesPageController {

  private final RuleService rules;
  private final RuleSettings settings;
  private final RuleHitWatch watch;

  RulesPageController(RuleService rules, RuleSettings settings, RuleHitWatch watch) {
    this.rules = rules;
    this.settings = settings;
    this.watch = watch;
  }

  /** A jump in a rule's hits, as the page shows it. */
  record AlertRow(String time, String code, long hits, long usual) {}

  /** One rule as the pages show it. */
  record RuleRow(
      String code, String kind, @Nullable String role, int weight, String when, String reason) {}

  /** One version as the pages show it. */
  record VersionRow(
      long version,
      String state,
      String author,
      String created,
      @Nullable String publishedBy,
      @Nullable String published,
      @Nullable String note) {}

  /** One rule's shadow numbers. */
  record ShadowRow(String code, long hits, long liveHits, String share, boolean tooFrequent) {}

  @GetMapping("/rules")
  String index(Model model, Locale locale, @Nullable Authentication auth) {
    RuleBook live = rules.liveBook();
    model.addAttribute("liveVersion", rules.live().map(RuleVersion::version).orElse(null));
    model.addAttribute("rules", rows(live, locale));
    model.addAttribute(
        "versions", rules.versions().stream().map(RulesPageController::row).toList());
    model.addAttribute(
        "draft", rules.live().map(RuleVersion::source).orElse(RuleBook.defaultText()));
    model.addAttribute(
        "alerts",
        watch.alerts().stream()
            .map(
                a ->
                    new AlertRow(
                        Timestamps.format(a.atMillis()), a.code(), a.hits(), Math.round(a.usual())))
            .toList());
    model.addAttribute("user", Caller.of(auth).name());
    return "rules/index";
  }

  @PostMapping("/rules/versions")
  String submit(
      @RequestParam String source,
      @RequestParam(required = false) @Nullable String note,
      Model model,
      Locale locale,
      @Nullable Authentication auth) {
    try {
      long v =
          rules.submit(
              source, Caller.of(auth), note == null || note.isBlank() ? null : note.strip());
      return "redirect:/rules/versions/" + v;
    } catch (RuleFileException e) {
      List<String> problems = new ArrayList<>();
      for (RuleFileProblem p : e.problems()) {
        problems.add(p.line() + ":" + p.column() + ": " + p.message());
      }
      model.addAttribute("problems", problems);
      index(model, locale, auth);
      model.addAttribute("draft", source);
      return "rules/index";
    }
  }

  @GetMapping("/rules/versions/{v}")
  String version(@PathVariable long v, Model model, Locale locale, @Nullable Authentication auth) {
    RuleVersion rv = rules.version(v);
    Caller caller = Caller.of(auth);
    model.addAttribute("version", row(rv));
    model.addAttribute("source", rv.source());
    model.addAttribute("rules", rows(rules.book(v), locale));
    model.addAttribute(
        "mayPublish",
        caller.hasAny(Roles.REVIEWER, Roles.ADMIN)
            && !rv.author().equals(caller.name())
            && !rv.state().equals(RuleVersion.LIVE));
    model.addAttribute("isAuthor", rv.author().equals(caller.name()));
    model.addAttribute(
        "shadow", rules.shadowStats(v).map(s -> shadowRows(s, rules.book(v))).orElse(null));
    rules
        .shadowStats(v)
        .ifPresent(
            s -> {
              model.addAttribute("shadowEvents", s.events());
              model.addAttribute("shadowRaised", s.raised());
              model.addAttribute("shadowLowered", s.lowered());
            });
    model.addAttribute("user", caller.name());
    return "rules/version";
  }

  @PostMapping("/rules/versions/{v}/shadow")
  String shadow(@PathVariable long v, @Nullable Authentication auth, RedirectAttributes flash) {
    return act(v, flash, () -> rules.shadow(v, Caller.of(auth)));
  }

  @PostMapping("/rules/versions/{v}/publish")
  String publish(@PathVariable long v, @Nullable Authentication auth, RedirectAttributes flash) {
    return act(v, flash, () -> rules.publish(v, Caller.of(auth)));
  }

  @PostMapping("/rules/versions/{v}/backtest")
  String backtest(
      @PathVariable long v,
      @RequestParam("events") MultipartFile events,
      Model model,
      Locale locale,
      @Nullable Authentication auth)
      throws IOException {
    if (events.isEmpty() || events.getSize() > settings.maxBacktestBytes()) {
      model.addAttribute(
          "error", "events file: empty, or larger than " + settings.maxBacktestBytes() + " bytes");
      return version(v, model, locale, auth);
    }
    Path file = Files.createTempFile("fanzha-backtest", ".ndjson");
    try (InputStream in = events.getInputStream()) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      Backtest.Report r = rules.backtest(v, file);
      model.addAttribute("backtest", r);
      model.addAttribute("backtestFile", events.getOriginalFilename());
    } finally {
      Files.deleteIfExists(file);
    }
    return version(v, model, locale, auth);
  }

  private String act(long v, RedirectAttributes flash, Runnable action) {
    try {
      action.run();
    } catch (RuleService.Refused e) {
      flash.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:/rules/versions/" + v;
  }

  private static List<RuleRow> rows(RuleBook book, Locale locale) {
    boolean zh = "zh".equals(locale.getLanguage());
    List<RuleRow> out = new ArrayList<>();
    for (RuleSpec.Kind k : RuleSpec.Kind.values()) {
      for (Rule r : book.rules(k).rules()) {
        out.add(
            new RuleRow(
                r.code(),
                k.wireName(),
                r.role() == null ? null : r.role().wireName(),
                r.weight(),
                r.when(),
                zh ? r.reason().textZh() : r.reason().textEn()));
      }
    }
    return out;
  }

  private static VersionRow row(RuleVersion v) {
    return new VersionRow(
        v.version(),
        v.state(),
        v.author(),
        Timestamps.format(v.createdAtMillis()),
        v.publishedBy(),
        v.publishedAtMillis() == null ? null : Timestamps.format(v.publishedAtMillis()),
        v.note());
  }

  private List<ShadowRow> shadowRows(ShadowStats s, RuleBook book) {
    List<ShadowRow> out = new ArrayList<>();
    for (RuleSpec.Kind k : RuleSpec.Kind.values()) {
      for (Rule r : book.rules(k).rules()) {
        long hits = s.hits().getOrDefault(r.code(), 0L);
        double share = s.events() == 0 ? 0 : (double) hits / s.events();
        out.add(
            new ShadowRow(
                r.code(),
                hits,
                s.liveHits().getOrDefault(r.code(), 0L),
                String.format(Locale.ROOT, "%.2f%%", 100 * share),
                r.weight() > 0 && s.events() > 0 && share > settings.maxHitShare()));
      }
    }
    return out;
  }
}

package org.fanzha.server.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.replay.Backtest;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.file.RuleFileException;
import org.fanzha.server.runner.Runner;
import org.fanzha.server.runner.ShadowStats;
import org.fanzha.server.system.Caller;
import org.fanzha.store.Database;
import org.fanzha.store.RuleVersion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The life of a rule set version: submitted (checked whole, stored immutable), back-tested on
 * recorded events, run in shadow on live traffic, published by someone other than its author
 * (maker-checker), and rolled back by publishing an earlier one. Every publish is audited and takes
 * effect between two events.
 */
@Service
public class RuleService {

  private static final Logger log = LoggerFactory.getLogger(RuleService.class);

  private final Database db;
  private final Runner runner;
  private final EngineConfig config;
  private final Clock clock;
  private final RuleSettings settings;

  RuleService(Database db, Runner runner, EngineConfig config, Clock clock, RuleSettings settings) {
    this.db = db;
    this.runner = runner;
    this.config = config;
    this.clock = clock;
    this.settings = settings;
  }

  /** No version with this number. */
  public static final class UnknownVersion extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownVersion(long v) {
      super("no rule set version " + v);
    }
  }

  /** The change is not allowed: the author may not publish, a live version may not be shadowed … */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean forbidden;

    Refused(String message, boolean forbidden) {
      super(message);
      this.forbidden = forbidden;
    }

    /** Returns whether the caller may not do this at all (403) rather than not now (409). */
    public boolean forbidden() {
      return forbidden;
    }
  }

  /**
   * Checks and stores a new version; returns its number.
   *
   * @throws RuleFileException with every problem; nothing is stored and the live set is untouched
   */
  public long submit(String yaml, Caller author, @Nullable String note) throws RuleFileException {
    RuleBook.parse(yaml);
    long v = db.ruleVersions().insertDraft(yaml, author.name(), clock.millis(), note);
    db.audit().recordChange(author.name(), author.rolesText(), "rules.submit", "rules", "v" + v);
    return v;
  }

  /** Returns every version, newest first. */
  public List<RuleVersion> versions() {
    return db.ruleVersions().list();
  }

  /** Returns one version. */
  public RuleVersion version(long v) {
    return db.ruleVersions().find(v).orElseThrow(() -> new UnknownVersion(v));
  }

  /**
   * Returns the live version, if one was ever published (else the engine runs its start-up rules).
   */
  public Optional<RuleVersion> live() {
    return db.ruleVersions().live();
  }

  /** Returns the rule book the engine scores with now. */
  public RuleBook liveBook() {
    return runner.rules();
  }

  /**
   * Compiles a stored version (it was checked when submitted; the shipped params may have grown
   * since).
   */
  public RuleBook book(long v) {
    try {
      return RuleBook.parse(version(v).source());
    } catch (RuleFileException e) {
      throw new Refused("version " + v + " no longer compiles: " + e.getMessage(), false);
    }
  }

  /** Starts running {@code v} in shadow beside the live set; any other shadow stops. */
  public void shadow(long v, Caller by) {
    RuleVersion rv = version(v);
    if (rv.state().equals(RuleVersion.LIVE)) {
      throw new Refused("version " + v + " is live; shadow a draft or a retired version", false);
    }
    RuleBook book = book(v);
    runner.shadowVersion().ifPresent(old -> db.ruleVersions().setState(old, RuleVersion.DRAFT));
    try {
      runner.startShadow(v, book);
    } catch (UnsupportedOperationException e) {
      throw new Refused(Objects.toString(e.getMessage(), e.toString()), false);
    }
    db.ruleVersions().setState(v, RuleVersion.SHADOW);
    db.audit().recordChange(by.name(), by.rolesText(), "rules.shadow", "rules", "v" + v);
  }

  /** Returns the shadow statistics of {@code v}, when it is the version in shadow. */
  public Optional<ShadowStats> shadowStats(long v) {
    version(v);
    return runner.shadowStats(v);
  }

  /**
   * Makes {@code v} live: the next event is scored with it. The author of the version may not
   * publish it; a second person (REVIEWER or ADMIN) must.
   */
  public void publish(long v, Caller by) {
    RuleVersion rv = version(v);
    if (rv.author().equals(by.name())) {
      throw new Refused(
          "version " + v + " was written by " + by.name() + "; another person must publish it",
          true);
    }
    if (rv.state().equals(RuleVersion.LIVE)) {
      throw new Refused("version " + v + " is already live", false);
    }
    RuleBook book = book(v);
    try {
      runner.useRules(book, rv.source());
    } catch (IllegalArgumentException e) {
      throw new Refused("the engine cannot take version " + v + ": " + e.getMessage(), false);
    }
    if (runner.shadowVersion().filter(s -> s == v).isPresent()) {
      runner.stopShadow();
    }
    db.ruleVersions().publish(v, by.name(), clock.millis());
    db.audit().recordChange(by.name(), by.rolesText(), "rules.publish", "rules", "v" + v);
    log.info("Rule set version {} published by {}", v, by.name());
  }

  /** Scores a recorded events file with {@code v} beside the live rules. */
  public Backtest.Report backtest(long v, Path events) {
    try {
      return Backtest.run(events, config, book(v), liveBook(), null, settings.maxHitShare());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package org.fanzha.server.clues;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.event.Role;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.EntityRisk;
import org.fanzha.engine.Level;
import org.fanzha.server.regions.EntityRegions;
import org.fanzha.server.runner.Runner;
import org.fanzha.server.system.BackgroundThreads;
import org.fanzha.store.Database;
import org.fanzha.store.Institution;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Turns the engine's strongest suspicions into clues on a schedule: a number, account or holder
 * held at {@code detection-min-score} or more as a fraud number, mule or card dealer goes to
 * whoever can act on it (the operator shuts the number, the bank stops the account, the police take
 * the dealer). Each entity is sent once; its region (a person's, an account's) is looked up only
 * for leads not sent before.
 */
@Component
class DetectionClues implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DetectionClues.class);

  /** The riskiest entities looked at per scan. */
  private static final int LOOK_AT = 2000;

  private static final List<Role> ACTIONABLE =
      List.of(Role.FRAUD_NUMBER, Role.MULE, Role.CARD_DEALER);

  private final ClueDesk desk;
  private final ObjectProvider<Runner> runner;
  private final Database db;
  private final ClueSettings settings;
  private final EntityRegions regions;

  /**
   * Leads already looked up: each scan reads the riskiest again, and needs not ask the table about
   * them again.
   */
  private final Cache<String, Boolean> sent = Caffeine.newBuilder().maximumSize(1_000_000).build();

  private final ScheduledExecutorService timer = BackgroundThreads.single("fanzha-clue-detections");

  DetectionClues(
      ClueDesk desk,
      ObjectProvider<Runner> runner,
      Database db,
      ClueSettings settings,
      EntityRegions regions) {
    this.desk = desk;
    this.runner = runner;
    this.db = db;
    this.settings = settings;
    this.regions = regions;
    long every = settings.scanEvery().toMillis();
    timer.scheduleWithFixedDelay(this::scanQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /** Sends every strong suspicion not sent before; returns the clues made. */
  int scan() {
    List<Institution> institutions = db.institutions().list();
    Runner r = runner.getIfAvailable();
    if (institutions.isEmpty() || r == null || !r.isRunning()) {
      return 0;
    }
    int made = 0;
    for (EntityRisk e : r.riskiest(LOOK_AT)) {
      if (e.score() < settings.detectionMinScore()) {
        break; // highest first
      }
      Lead lead = lead(e);
      if (lead == null || sent.getIfPresent(lead.key()) != null) {
        continue;
      }
      if (!desk.known(lead.key())) {
        made += desk.raise(withRegion(lead), institutions).size();
      }
      sent.put(lead.key(), Boolean.TRUE);
    }
    return made;
  }

  /** The lead an entity's risk makes, if it is suspected of a role someone can act on. */
  static @Nullable Lead lead(EntityRisk e) {
    Role role = ACTIONABLE.stream().filter(e.roles()::contains).findFirst().orElse(null);
    ListKind kind = ListKind.fromWire(e.entityKind().wireName());
    if (role == null || kind == null) {
      return null;
    }
    List<String> codes = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (Reason reason : e.reasons()) {
      codes.add(reason.code());
      texts.add(reason.textEn());
    }
    String summary =
        "suspected "
            + role.wireName()
            + " (score "
            + e.score()
            + ")"
            + (texts.isEmpty() ? "" : ": " + String.join("; ", texts));
    return new Lead(
        "detection:" + kind.wireName() + ":" + e.entity(),
        "detection",
        role.wireName(),
        kind,
        e.entity(),
        FraudType.OTHER,
        e.level() == Level.CRITICAL ? ClueRouter.HIGH : ClueRouter.MEDIUM,
        null,
        summary,
        codes);
  }

  private Lead withRegion(Lead l) {
    String region =
        l.target().entityKind() == null ? null : regions.of(l.target().entityKind(), l.value());
    return region == null
        ? l
        : new Lead(
            l.key(),
            l.source(),
            l.sourceRef(),
            l.target(),
            l.value(),
            l.fraudType(),
            l.severity(),
            region,
            l.summary(),
            l.evidence());
  }

  private void scanQuietly() {
    try {
      int n = scan();
      if (n > 0) {
        log.info("{} clues made of new detections", n);
      }
    } catch (RuntimeException e) {
      log.warn("Looking for new detections to send as clues failed; will retry", e);
    }
  }

  @Override
  public void close() {
    BackgroundThreads.stop(timer);
  }
}

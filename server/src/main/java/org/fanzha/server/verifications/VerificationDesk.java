package org.fanzha.server.verifications;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Role;
import org.fanzha.engine.EntityRisk;
import org.fanzha.server.regions.EntityRegions;
import org.fanzha.server.runner.Runner;
import org.fanzha.server.system.BackgroundThreads;
import org.fanzha.server.system.Caller;
import org.fanzha.store.AuditLog;
import org.fanzha.store.Database;
import org.fanzha.store.VerificationRepository;
import org.fanzha.store.VerificationTask;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Works the re-verification of abnormal numbers and accounts: on a schedule it asks every number
 * held as a fraud number and every account held as a mule at {@code min-score} or more to verify
 * its holder (one active task each, none again soon after a verification), moves tasks whose
 * deadline passed (open → restricted → suspended), and keeps in memory what is restricted now, for
 * the decide path. Outcomes are recorded by the operator or bank that asked.
 */
@Component
public class VerificationDesk implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(VerificationDesk.class);

  /** The riskiest entities looked at per scan. */
  private static final int LOOK_AT = 2000;

  /**
   * Tasks opened per transaction: the audit log's chain is held while they are written, and every
   * personal-data look-up waits to be recorded meanwhile.
   */
  private static final int OPEN_TOGETHER = 200;

  /** The longest note an outcome keeps (its step's detail holds 1,000 characters). */
  static final int MAX_NOTE = 900;

  private final Database db;
  private final ObjectProvider<Runner> runner;
  private final EntityRegions regions;
  private final VerificationSettings settings;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /** Restricted and suspended entities ({@code kind:entity}), read on every decision. */
  private final Map<String, Restriction> limiting = new ConcurrentHashMap<>();

  private final ScheduledExecutorService timer = BackgroundThreads.single("fanzha-verifications");

  VerificationDesk(
      Database db,
      ObjectProvider<Runner> runner,
      EntityRegions regions,
      VerificationSettings settings,
      Clock clock) {
    this.db = db;
    this.runner = runner;
    this.regions = regions;
    this.settings = settings;
    this.clock = clock;
    for (VerificationTask t : db.verifications().limiting()) {
      limiting.put(key(t.entityKind(), t.entity()), new Restriction(t.id(), t.state()));
    }
    long every = settings.scanEvery().toMillis();
    timer.scheduleWithFixedDelay(this::tickQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * An outcome not recorded: {@code 404} no such task, {@code 400} an unknown outcome, {@code 409}
   * too late.
   */
  public static final class Refused extends RuntimeException {
    private final int status;

    Refused(int status, String message) {
      super(message);
      this.status = status;
    }

    /** Returns the HTTP status that says why. */
    public int status() {
      return status;
    }
  }

  /** Returns what stops the entity now, if it is restricted or suspended. */
  public Optional<Restriction> restriction(EntityKind kind, String entity) {
    return limiting.isEmpty()
        ? Optional.empty()
        : Optional.ofNullable(limiting.get(key(kind.wireName(), entity)));
  }

  /** Asks every abnormal entity not asked yet; returns how many tasks were opened. */
  int scan() {
    Runner r = runner.getIfAvailable();
    if (r == null || !r.isRunning()) {
      return 0;
    }
    long now = clock.millis();
    List<VerificationRepository.Opening> openings = new ArrayList<>();
    for (EntityRisk e : r.riskiest(LOOK_AT)) {
      if (e.score() < settings.minScore() || timer.isShutdown()) {
        break; // highest first; or the server is stopping
      }
      boolean number = e.entityKind() == EntityKind.PHONE && e.roles().contains(Role.FRAUD_NUMBER);
      boolean account = e.entityKind() == EntityKind.ACCOUNT && e.roles().contains(Role.MULE);
      try {
        VerificationRepository.Opening o = (number || account) ? opening(e, now) : null;
        if (o != null) {
          openings.add(o);
        }
      } catch (
          RuntimeException
              ex) { // one entity the store refuses must not keep the others from being asked
        log.warn(
            "Could not open a re-verification task for {} {}",
            e.entityKind().wireName(),
            e.entity(),
            ex);
      }
    }
    int n = 0;
    for (int from = 0; from < openings.size(); from += OPEN_TOGETHER) {
      n += open(openings.subList(from, Math.min(openings.size(), from + OPEN_TOGETHER)));
    }
    return n;
  }

  /**
   * Opens the tasks and records them in the audit log in one transaction: a scan under load opens
   * thousands, and a commit each was most of its cost; and tasks and their audit rows stand or fall
   * together, so a commit that lands and then reports a failure leaves none unrecorded. When the
   * store refuses them together, they are tried one by one, so one refused entity does not keep the
   * others unasked.
   */
  private int open(List<VerificationRepository.Opening> openings) {
    if (openings.isEmpty()) {
      return 0;
    }
    try {
      return db.verifications()
          .openAll(
              openings,
              db.audit(),
              t ->
                  new AuditLog.Act(
                      "system", "", "verification.opened", kindOf(t), t.entity(), true))
          .size();
    } catch (RuntimeException e) {
      if (openings.size() == 1) {
        VerificationTask t = openings.get(0).task();
        log.warn("Could not open a re-verification task for {} {}", t.entityKind(), t.entity(), e);
        return 0;
      }
      int n = 0;
      for (VerificationRepository.Opening o : openings) {
        n += open(List.of(o));
      }
      return n;
    }
  }

  /** The task to open for an entity, or null when it is asked already or verified lately. */
  private VerificationRepository.@Nullable Opening opening(EntityRisk e, long now) {
    String kind = e.entityKind().wireName();
    Optional<VerificationTask> last = db.verifications().latest(kind, e.entity());
    Long verifiedAt = last.map(VerificationTask::closedAtMs).orElse(null);
    if (last.isPresent()
        && (last.get().isActive()
            || verifiedAt != null && now - verifiedAt < settings.quietAfterVerified().toMillis())) {
      return null;
    }
    String reasons =
        e.reasons().stream()
            .map(r -> r.code() + " " + r.textEn())
            .collect(Collectors.joining("\n"));
    String channel = e.entityKind() == EntityKind.PHONE ? "sms_link" : "app_face";
    VerificationTask t =
        new VerificationTask(
            newId(),
            kind,
            e.entity(),
            regions.of(e.entityKind(), e.entity()),
            reasons.isEmpty() ? "held at " + e.score() : reasons,
            channel,
            VerificationTask.OPEN,
            now,
            now + settings.answerWithin().toMillis(),
            null,
            null,
            1);
    return new VerificationRepository.Opening(
        t,
        new VerificationTask.Step(
            1,
            now,
            "opened",
            "held at "
                + e.score()
                + " as "
                + (e.entityKind() == EntityKind.PHONE ? "a fraud number" : "a mule")
                + "; asked by "
                + channel
                + " to verify by the deadline",
            "system"));
  }

  /** Moves every task whose deadline passed one state on; returns how many moved. */
  int escalateOverdue(long now) {
    int moved = 0;
    for (VerificationTask t : db.verifications().overdue(now, 500)) {
      boolean open = VerificationTask.OPEN.equals(t.state());
      String next = open ? VerificationTask.RESTRICTED : VerificationTask.SUSPENDED;
      long due = open ? now + settings.suspendAfter().toMillis() : t.dueAtMs();
      String detail =
          open
              ? "not verified by the deadline: outgoing calls, messages and non-counter payments stopped"
              : "still not verified: service suspended until the holder verifies in person";
      if (move(t, t.moved(next, due, null, null), now, next, detail, "system")) {
        moved++;
      }
    }
    return moved;
  }

  /**
   * Records what the holder's verification came to: {@code verified} restores the number or
   * account, {@code failed} suspends it.
   */
  public VerificationTask outcome(String id, String outcome, @Nullable String note, Caller by) {
    VerificationTask t = find(id);
    if (!t.isActive()) {
      throw new Refused(409, "task " + id + " was verified already");
    }
    if (note != null && note.length() > MAX_NOTE) {
      throw new Refused(400, "note: at most " + MAX_NOTE + " characters, not " + note.length());
    }
    long now = clock.millis();
    String detail = note == null || note.isBlank() ? outcome : outcome + ": " + note;
    VerificationTask next =
        switch (outcome) {
          case "verified" -> t.moved(VerificationTask.VERIFIED, t.dueAtMs(), now, by.name());
          case "failed" -> t.moved(VerificationTask.SUSPENDED, t.dueAtMs(), null, null);
          default ->
              throw new Refused(400, "outcome: must be verified or failed, not '" + outcome + "'");
        };
    if (!move(t, next, now, outcome, detail, by.name())) {
      throw new Refused(409, "task " + id + " changed meanwhile; read it again");
    }
    db.audit()
        .record(by.name(), by.rolesText(), "verification." + outcome, kindOf(t), t.entity(), true);
    return next;
  }

  /**
   * Writes a move and what it restricts as one step: a deadline and an outcome racing cannot leave
   * a stale stop.
   */
  private synchronized boolean move(
      VerificationTask from,
      VerificationTask to,
      long now,
      String kind,
      String detail,
      String actor) {
    if (!db.verifications()
        .update(
            to,
            from.version(),
            new VerificationTask.Step(to.version(), now, kind, detail, actor))) {
      return false;
    }
    String key = key(to.entityKind(), to.entity());
    if (VerificationTask.RESTRICTED.equals(to.state())
        || VerificationTask.SUSPENDED.equals(to.state())) {
      limiting.put(key, new Restriction(to.id(), to.state()));
    } else {
      limiting.remove(key);
    }
    if ("system".equals(actor)) {
      db.audit().record(actor, "", "verification." + kind, kindOf(to), to.entity(), true);
    }
    return true;
  }

  /** Returns the task with this id. */
  public VerificationTask find(String id) {
    return db.verifications()
        .find(id)
        .orElseThrow(() -> new Refused(404, "no verification task " + id));
  }

  /** Returns the task's timeline. */
  public List<VerificationTask.Step> timeline(String id) {
    return db.verifications().steps(id);
  }

  /**
   * Returns up to {@code limit} tasks of a state ({@code null}: all) about the entity kinds given,
   * newest first.
   */
  public List<VerificationTask> list(@Nullable String state, List<String> kinds, int limit) {
    return db.verifications().list(state, kinds, limit);
  }

  /**
   * Looks for new abnormal entities and passed deadlines now (the schedule does it every {@code
   * scan-every}).
   */
  public void tick() {
    try {
      scan();
    } finally {
      escalateOverdue(clock.millis());
    }
  }

  private void tickQuietly() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.warn("Working re-verification tasks failed; will retry", e);
    }
  }

  private static String key(String kind, String entity) {
    return kind + ":" + entity;
  }

  private String newId() {
    byte[] b = new byte[5];
    random.nextBytes(b);
    return "V-" + HexFormat.of().formatHex(b);
  }

  private static EntityKind kindOf(VerificationTask t) {
    return EntityKind.PHONE.wireName().equals(t.entityKind())
        ? EntityKind.PHONE
        : EntityKind.ACCOUNT;
  }

  @Override
  public void close() {
    BackgroundThreads.stop(timer);
  }
}

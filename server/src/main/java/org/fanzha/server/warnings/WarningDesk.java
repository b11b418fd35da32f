package org.fanzha.server.warnings;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.core.id.Masking;
import org.fanzha.engine.Level;
import org.fanzha.engine.Warning;
import org.fanzha.graph.freeze.HoldKind;
import org.fanzha.server.clues.ClueDesk;
import org.fanzha.server.clues.Lead;
import org.fanzha.server.funds.HoldService;
import org.fanzha.server.regions.Jurisdictions;
import org.fanzha.server.regions.PersonRegions;
import org.fanzha.server.regions.Units;
import org.fanzha.server.runner.Runner;
import org.fanzha.server.runner.WarningListener;
import org.fanzha.server.system.BackgroundThreads;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Caller;
import org.fanzha.store.Columns;
import org.fanzha.store.Database;
import org.fanzha.store.JournalEntry;
import org.fanzha.store.WarningTask;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Turns warnings into dissuasion tasks and works them (issue 9). Warnings arrive on the runner's
 * thread and are queued; one thread of its own merges each into its episode's task (a new task goes
 * to the unit of the person's region, on the channel and with the due time its severity asks; a
 * higher severity later strengthens the channel and brings the due time forward), another moves
 * overdue tasks one unit up. Analysts close tasks with an outcome.
 */
@Service
public class WarningDesk implements WarningListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WarningDesk.class);
  private static final int QUEUE = 100_000;
  private static final int MAX_DETAIL = 1000;
  private static final int ATTEMPTS = 5;
  public static final List<String> OUTCOMES =
      List.of("dissuaded", "paid", "not_reached", "false_alarm");

  private final Database db;
  private final Clock clock;
  private final ObjectProvider<Runner> runner;
  private final HoldService holds;
  private final ClueDesk clues;
  private final PlaybookSource playbook;
  private final PersonRegions regions;
  private final BlockingQueue<Warning> queue = new LinkedBlockingQueue<>(QUEUE);
  private final AtomicLong dropped = new AtomicLong();

  /**
   * Warnings handed over and not yet merged (queued or in hand): what {@link #awaitIdle} waits for.
   */
  private final AtomicLong pending = new AtomicLong();

  private final Thread worker;
  private final ScheduledExecutorService escalator =
      BackgroundThreads.single("fanzha-warning-escalation");
  private volatile boolean running = true;

  /** A task that does not exist (404). */
  public static final class UnknownTask extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownTask(String id) {
      super("no warning task with id '" + id + "'");
    }
  }

  /** An outcome for a task already closed (409). */
  public static final class AlreadyClosed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AlreadyClosed(WarningTask t) {
      super("warning " + t.id() + " was closed as " + t.outcome() + " by " + t.closedBy());
    }
  }

  /** What an outcome did besides closing: the hold requested and the labels sent, if any. */
  public record Closed(WarningTask task, @Nullable String holdId, List<String> labelled) {}

  WarningDesk(
      Database db,
      Clock clock,
      ObjectProvider<Runner> runner,
      HoldService holds,
      ClueDesk clues,
      WarningSettings settings) {
    this.db = db;
    this.clues = clues;
    this.clock = clock;
    this.runner = runner;
    this.holds = holds;
    this.playbook =
        new PlaybookSource(settings.playbook().isBlank() ? null : Path.of(settings.playbook()));
    this.regions = new PersonRegions(db.journal());
    this.worker = new Thread(this::work, "fanzha-warnings");
    worker.setDaemon(true);
    worker.start();
    long every = settings.escalateEvery().toMillis();
    escalator.scheduleWithFixedDelay(this::escalateQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void raised(Warning warning) {
    pending.incrementAndGet();
    if (!queue.offer(warning)) {
      pending.decrementAndGet();
      dropped.incrementAndGet();
      log.error("Warning queue full ({}): warning {} not turned into a task", QUEUE, warning.id());
    }
  }

  /** Waits until every warning handed over so far is merged (for tests and an orderly stop). */
  public boolean awaitIdle(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (pending.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  private void work() {
    while (running || !queue.isEmpty()) { // a stop lets the queue drain first (close waits for it)
      Warning w;
      try {
        w = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (w != null) {
        try {
          take(w);
        } catch (RuntimeException e) {
          log.error("Warning {} could not be turned into a task", w.id(), e);
        } finally {
          pending.decrementAndGet();
        }
      }
    }
  }

  /** Merges one warning into its episode's task, opening the task if it is the episode's first. */
  void take(Warning w) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      if (db.warnings().seen(w.id())) {
        return;
      }
      long now = clock.millis();
      Playbook pb = playbook.current();
      Optional<WarningTask> found = db.warnings().find(w.episode());
      boolean stored;
      // the person and this number were a false alarm before (a relative, a colleague): one level
      // lower this time
      boolean dismissed =
          w.victimPhone() != null
              && w.contact() != null
              && db.warnings().dismissed(w.victimPhone(), w.contact());
      Level level =
          dismissed ? Level.values()[Math.max(0, w.severity().ordinal() - 1)] : w.severity();
      String detail =
          clip(
              describe(w)
                  + (dismissed
                      ? " · lowered to "
                          + level.wireName()
                          + ": this person and number were a false alarm before"
                      : ""));
      if (found.isEmpty()) {
        String region = regions.of(w.victimPhone());
        Playbook.Plan plan = pb.plan(level);
        WarningTask t =
            new WarningTask(
                w.episode(),
                w.ts(),
                w.ts(),
                w.victimPhone(),
                w.victimAccount(),
                w.contact(),
                region,
                level.wireName(),
                w.fraudType().wireName(),
                cap(w.evidence()),
                Units.forRegion(region),
                plan.channel(),
                now + plan.due().toMillis(),
                WarningTask.OPEN,
                null,
                0,
                null,
                null,
                null,
                1,
                now);
        stored =
            db.warnings()
                .insert(t, new WarningTask.Step(1, now, "raised", detail, "engine", w.id()));
      } else {
        WarningTask t = found.get();
        stored =
            db.warnings()
                .update(
                    merge(t, w, level, pb, now),
                    t.version(),
                    new WarningTask.Step(t.version() + 1, now, "raised", detail, "engine", w.id()));
      }
      if (stored) {
        return;
      }
    }
    log.warn(
        "Warning {} not merged into task {} after {} attempts (concurrent changes)",
        w.id(),
        w.episode(),
        ATTEMPTS);
  }

  /**
   * The task with warning {@code w} merged in, at {@code severity} (the warning's, or lower after a
   * false alarm).
   */
  private static WarningTask merge(
      WarningTask t, Warning w, Level severity, Playbook pb, long now) {
    Level before = level(t);
    boolean rose = severity.compareTo(before) > 0;
    Level level = rose ? severity : before;
    String type = w.fraudType() != FraudType.OTHER ? w.fraudType().wireName() : t.fraudType();
    Set<String> evidence = new LinkedHashSet<>(t.evidence());
    evidence.addAll(w.evidence());
    String channel = t.channel();
    long due = t.dueAtMs();
    String status = t.status();
    String outcome = t.outcome();
    String closedBy = t.closedBy();
    Long closedAt = t.closedAtMs();
    if (rose) {
      Playbook.Plan plan = pb.plan(level);
      channel = pb.stronger(channel, plan.channel());
      due = t.isOpen() ? Math.min(due, now + plan.due().toMillis()) : now + plan.due().toMillis();
      if (!t.isOpen() && !"paid".equals(t.outcome())) {
        // worse than when it was closed: the person is at risk again, the case is open again
        status = WarningTask.OPEN;
        outcome = null;
        closedBy = null;
        closedAt = null;
      }
    }
    return new WarningTask(
        t.id(),
        t.raisedTsMs(),
        Math.max(t.lastTsMs(), w.ts()),
        t.victimPhone() != null ? t.victimPhone() : w.victimPhone(),
        t.victimAccount() != null ? t.victimAccount() : w.victimAccount(),
        t.contact() != null ? t.contact() : w.contact(),
        t.region(),
        level.wireName(),
        type,
        cap(new ArrayList<>(evidence)),
        t.unit(),
        channel,
        due,
        status,
        outcome,
        t.amountProtectedFen(),
        t.note(),
        closedBy,
        closedAt,
        t.version() + 1,
        t.createdAtMs());
  }

  /** The first evidence ids, as many as the task's column holds. */
  private static List<String> cap(List<String> evidence) {
    return Columns.evidence(evidence);
  }

  /** A timeline step's text, as much as its column holds. */
  private static String clip(String detail) {
    return Columns.clip(detail, MAX_DETAIL);
  }

  private static String describe(Warning w) {
    return w.severity().wireName()
        + " · "
        + w.fraudType().wireName()
        + (w.contact() != null ? " · contact " + Masking.phone(w.contact()) : "")
        + " · evidence "
        + String.join(", ", w.evidence());
  }

  /**
   * Records an analyst's outcome. {@code not_reached} keeps the task open on the next channel (at
   * the top of the ladder, at the next unit up); the others close it. {@code dissuaded} and {@code
   * paid} confirm the case: the contact is labelled a fraud number and the account paid a mule;
   * {@code paid} also requests an emergency stop of that account for the amount paid. The same
   * outcome sent again for a closed task does those things that are missing (labels and stops are
   * sent once each) and answers as the first time.
   */
  public Closed outcome(
      String id, String outcome, long amountProtectedFen, @Nullable String note, Caller by) {
    if (!OUTCOMES.contains(outcome)) {
      throw new BadRequestException(
          "outcome: must be one of " + String.join(", ", OUTCOMES) + ", not " + outcome);
    }
    if (amountProtectedFen < 0 || (amountProtectedFen > 0 && !outcome.equals("dissuaded"))) {
      throw new BadRequestException(
          "amount_protected: a non-negative amount, given with outcome dissuaded only");
    }
    if (note != null && note.length() > 1000) {
      throw new BadRequestException("note: at most 1000 characters");
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      WarningTask t = db.warnings().find(id).orElseThrow(() -> new UnknownTask(id));
      if (!t.isOpen() && outcome.equals(t.outcome())) {
        // the same outcome again (its first answer was lost, or its stop request failed): its
        // effects, once each
        return confirmed(t, outcome, by);
      }
      if (!t.isOpen()) {
        throw new AlreadyClosed(t);
      }
      long now = clock.millis();
      Playbook pb = playbook.current();
      WarningTask next;
      String detail;
      String kind;
      if (outcome.equals("not_reached")) {
        long due = now + pb.plan(level(t)).due().toMillis();
        Optional<String> channel = pb.next(t.channel());
        String unit = channel.isPresent() ? t.unit() : Units.up(t.unit()).orElse(t.unit());
        next =
            with(
                t,
                unit,
                channel.orElse(t.channel()),
                due,
                WarningTask.OPEN,
                null,
                0,
                note,
                null,
                null);
        kind = channel.isPresent() ? "channel" : "escalated";
        detail =
            "not reached on "
                + t.channel()
                + (channel.isPresent() ? "; next: " + channel.get() : "; moved to unit " + unit);
      } else {
        next =
            with(
                t,
                t.unit(),
                t.channel(),
                t.dueAtMs(),
                WarningTask.CLOSED,
                outcome,
                amountProtectedFen,
                note,
                by.name(),
                now);
        kind = "outcome";
        detail =
            outcome
                + (amountProtectedFen > 0
                    ? " · protected " + amountProtectedFen / 100 + " yuan"
                    : "")
                + (note != null ? " · " + note : "");
      }
      if (db.warnings()
          .update(
              next,
              t.version(),
              new WarningTask.Step(t.version() + 1, now, kind, clip(detail), by.name(), null))) {
        db.audit()
            .recordChange(by.name(), by.rolesText(), "warning.outcome:" + outcome, "warning", id);
        return confirmed(next, outcome, by);
      }
    }
    throw new IllegalStateException("warning " + id + " kept changing; try again");
  }

  private Closed confirmed(WarningTask t, String outcome, Caller by) {
    if (!outcome.equals("dissuaded") && !outcome.equals("paid")) {
      return new Closed(t, null, List.of());
    }
    Optional<TransferEvent> payment = lastPayment(t);
    List<Event> labels = new ArrayList<>(2);
    FraudType type = FraudType.fromWire(t.fraudType());
    long now = clock.millis();
    if (t.contact() != null) {
      labels.add(
          new LabelEvent(
              "L-" + t.id() + "-contact",
              now,
              "warning-desk",
              EntityKind.PHONE,
              t.contact(),
              Role.FRAUD_NUMBER,
              type));
    }
    payment.ifPresent(
        p ->
            labels.add(
                new LabelEvent(
                    "L-" + t.id() + "-payee",
                    now,
                    "warning-desk",
                    EntityKind.ACCOUNT,
                    p.to(),
                    Role.MULE,
                    type)));
    if (!labels.isEmpty()) {
      try {
        runner.getObject().submit(labels).get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // the outcome stands; the labels can be sent again by hand (events API)
        log.error("Labels of warning {} not submitted", t.id(), e);
      }
    }
    String hold = null;
    if (outcome.equals("paid") && payment.isPresent()) {
      String payee = payment.get().to();
      // one stop per task: an outcome sent again finds the one it asked for
      hold =
          holds.forAccount(payee).stream()
              .filter(o -> o.caseRef().equals(t.id()))
              .map(o -> o.id())
              .findFirst()
              .orElseGet(
                  () ->
                      holds
                          .request(
                              new HoldService.Actor(by.name(), by.rolesText()),
                              HoldKind.STOP,
                              payee,
                              payment.get().amountFen(),
                              t.id(),
                              null,
                              "the person of warning " + t.id() + " paid")
                          .id());
    }
    sendClues(t, outcome, payment);
    return new Closed(t, hold, labels.stream().map(e -> ((LabelEvent) e).entity()).toList());
  }

  /**
   * A confirmed case is a lead for those who can act: the operator of the number that reached the
   * person, the bank of the account they paid, and the police of their region. Sent once per task
   * and target.
   */
  private void sendClues(WarningTask t, String outcome, Optional<TransferEvent> payment) {
    FraudType type = type(t);
    String summary = "warning " + t.id() + " confirmed: " + outcome + " (" + type.wireName() + ")";
    try {
      if (t.contact() != null) {
        clues.raise(
            new Lead(
                "warning:" + t.id() + ":contact",
                "warning",
                t.id(),
                ListKind.PHONE,
                t.contact(),
                type,
                "high",
                t.region(),
                summary + "; the number that reached the person",
                t.evidence()));
      }
      payment.ifPresent(
          p ->
              clues.raise(
                  new Lead(
                      "warning:" + t.id() + ":payee",
                      "warning",
                      t.id(),
                      ListKind.ACCOUNT,
                      p.to(),
                      type,
                      "high",
                      t.region(),
                      summary + "; the account the person paid " + p.amountFen() / 100 + " yuan",
                      t.evidence())));
    } catch (RuntimeException e) {
      log.error(
          "Clues of warning {} not sent",
          t.id(),
          e); // the outcome stands; the scan sends what it detects
    }
  }

  /**
   * The person's payment: the newest transfer in the evidence, else their newest transfer in the
   * journal since the first warning (a payment in an episode already at its highest severity raises
   * no new warning).
   */
  private Optional<TransferEvent> lastPayment(WarningTask t) {
    for (int i = t.evidence().size() - 1; i >= 0; i--) {
      Optional<JournalEntry> e = db.journal().find(t.evidence().get(i));
      if (e.isPresent() && e.get().event() instanceof TransferEvent p) {
        return Optional.of(p);
      }
    }
    if (t.victimPhone() == null) {
      return Optional.empty();
    }
    for (JournalEntry e : db.journal().recent(EntityKind.PHONE, t.victimPhone(), 50)) {
      if (e.event() instanceof TransferEvent p
          && t.victimPhone().equals(p.fromPhone())
          && p.ts() >= t.raisedTsMs()) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static WarningTask with(
      WarningTask t,
      String unit,
      String channel,
      long due,
      String status,
      @Nullable String outcome,
      long amount,
      @Nullable String note,
      @Nullable String closedBy,
      @Nullable Long closedAt) {
    return new WarningTask(
        t.id(),
        t.raisedTsMs(),
        t.lastTsMs(),
        t.victimPhone(),
        t.victimAccount(),
        t.contact(),
        t.region(),
        t.severity(),
        t.fraudType(),
        t.evidence(),
        unit,
        channel,
        due,
        status,
        outcome,
        amount,
        note != null ? note : t.note(),
        closedBy,
        closedAt,
        t.version() + 1,
        t.createdAtMs());
  }

  /** Moves every overdue open task one unit up with a fresh due time; returns how many moved. */
  public int escalateOverdue() {
    return escalateOverdue(clock.millis());
  }

  /** As {@link #escalateOverdue()}, as if it were {@code now}. */
  int escalateOverdue(long now) {
    Playbook pb = playbook.current();
    int moved = 0;
    for (WarningTask t : db.warnings().overdue(now, 500)) {
      Optional<String> up = Units.up(t.unit());
      long due = now + pb.plan(level(t)).due().toMillis();
      String unit = up.orElse(t.unit());
      String detail =
          up.isPresent()
              ? "overdue at unit " + t.unit() + "; moved to " + unit
              : "overdue at the ministry; due again";
      if (db.warnings()
          .update(
              with(
                  t,
                  unit,
                  t.channel(),
                  due,
                  t.status(),
                  t.outcome(),
                  t.amountProtectedFen(),
                  null,
                  t.closedBy(),
                  t.closedAtMs()),
              t.version(),
              new WarningTask.Step(t.version() + 1, now, "escalated", detail, "system", null))) {
        moved++;
      }
    }
    return moved;
  }

  private void escalateQuietly() {
    try {
      int n = escalateOverdue();
      if (n > 0) {
        log.info("{} overdue warning tasks moved up a level", n);
      }
    } catch (RuntimeException e) {
      log.warn("Escalating overdue warning tasks failed; will retry", e);
    }
  }

  /**
   * Tasks newest first, of a status ({@code null}: all) and within some units ({@code []}:
   * everywhere).
   */
  public List<WarningTask> list(@Nullable String status, List<String> unitPrefixes, int limit) {
    return db.warnings().list(status, unitPrefixes, limit);
  }

  /**
   * The statistics of the tasks within some units ({@code []}: everywhere), counted by the store.
   */
  public WarningStats stats(List<String> unitPrefixes) {
    return WarningStats.of(db.warnings(), unitPrefixes);
  }

  public WarningTask find(String id) {
    return db.warnings().find(id).orElseThrow(() -> new UnknownTask(id));
  }

  public List<WarningTask.Step> timeline(String id) {
    return db.warnings().steps(id);
  }

  /**
   * The open task of the person making this payment (by their phone or account) that this payment
   * did not open itself: a warning raised by the payment is the engine's own answer to it, not an
   * earlier one to act on.
   */
  public Optional<WarningTask> openBefore(TransferEvent payment) {
    return db.warnings()
        .openFor(payment.fromPhone(), payment.from())
        .filter(
            t -> {
              List<WarningTask.Step> steps = db.warnings().steps(t.id());
              return steps.isEmpty() || !("W-" + payment.id()).equals(steps.get(0).ref());
            });
  }

  /** The 12381 SMS text of a task, in {@code lang}. */
  public String sms(WarningTask t, String lang) {
    return playbook.current().sms(type(t), lang, masked(t), t.unit());
  }

  /** The 96110 call script of a task, in {@code lang}. */
  public String script(WarningTask t, String lang) {
    return playbook.current().script(type(t), lang, masked(t), t.unit());
  }

  /**
   * What the public should know of a fraud type (the portal's education pages): the playbook's
   * 12381 text and 96110 script for it, addressed to nobody in particular.
   */
  public List<String> advice(FraudType type, String lang) {
    Playbook pb = playbook.current();
    return List.of(pb.sms(type, lang, "", "000000"), pb.script(type, lang, "", "000000"));
  }

  /** Warnings that could not be queued (the queue was full). */
  public long dropped() {
    return dropped.get();
  }

  /** The engine's level of a task. */
  static Level level(WarningTask t) {
    return Level.valueOf(t.severity().toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * The task's severity as the API grades warnings: high, medium or low (critical counts as high).
   */
  static String grade(WarningTask t) {
    return t.severity().equals("critical") ? "high" : t.severity();
  }

  /** The person, masked for display. */
  static String maskedVictim(WarningTask t) {
    return t.victimPhone() != null
        ? Masking.phone(t.victimPhone())
        : t.victimAccount() != null
            ? org.fanzha.server.system.Masks.entity(EntityKind.ACCOUNT, t.victimAccount())
            : "—";
  }

  /**
   * Whether a user limited to {@code regions} (none: everywhere) may see the task: its unit lies
   * within them.
   */
  static boolean within(WarningTask t, List<String> regions) {
    return Jurisdictions.within(t.unit(), regions);
  }

  private static FraudType type(WarningTask t) {
    FraudType f = FraudType.fromWire(t.fraudType());
    return f == null ? FraudType.OTHER : f;
  }

  private static String masked(WarningTask t) {
    return t.contact() == null ? "" : Masking.phone(t.contact());
  }

  /**
   * Stops after merging what was handed over (the runner stops first, so nothing more arrives), for
   * 10 s at most.
   */
  @Override
  public void close() {
    running = false;
    BackgroundThreads.stop(escalator);
    try {
      worker.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (pending.get() > 0) {
      log.warn("{} warnings were not turned into tasks before the stop", pending.get());
    }
  }
}

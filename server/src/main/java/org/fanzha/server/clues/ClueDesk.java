package org.fanzha.server.clues;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.fanzha.core.event.ListKind;
import org.fanzha.server.regions.Jurisdictions;
import org.fanzha.server.regions.Units;
import org.fanzha.server.system.BackgroundThreads;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.OrderedIds;
import org.fanzha.store.Clue;
import org.fanzha.store.ClueRepository;
import org.fanzha.store.Columns;
import org.fanzha.store.Database;
import org.fanzha.store.Institution;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Makes clues of leads and follows them: one clue per receiving institution (a lead found again
 * sends nothing again), due times by severity, the receiver's acknowledgement and answer, and late
 * clues moved one unit up at a time.
 */
@Service
public class ClueDesk implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClueDesk.class);

  /** What a receiver answers: what it did, or why it did nothing. */
  public static final List<String> ANSWERS =
      List.of(
          "closed",
          "account_frozen",
          "account_stopped",
          "number_shut",
          "number_restricted",
          "content_removed",
          "case_opened",
          "not_found",
          "false_alarm",
          "no_action");

  private static final int MAX_SUMMARY = 1000;
  private static final int MAX_NOTE = 1000;

  /** County → city → province → ministry. */
  private static final int MAX_ESCALATION = 3;

  private final Database db;
  private final Clock clock;
  private final ClueSettings settings;
  private final OrderedIds ids;
  private final ScheduledExecutorService escalator =
      BackgroundThreads.single("fanzha-clue-escalation");

  /** A clue that does not exist, or not for this caller (404). */
  public static final class UnknownClue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownClue(String id) {
      super("no clue with id '" + id + "'");
    }
  }

  /** An answer to a clue answered otherwise before (409). */
  public static final class AlreadyAnswered extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AlreadyAnswered(Clue c) {
      super("clue " + c.id() + " was answered " + c.feedbackCode() + " by " + c.feedbackBy());
    }
  }

  /**
   * Whose clues a caller sees: a receiver's own ({@code institutionId}), or, for staff, those of
   * regions within {@code regions} (none: everywhere).
   */
  public record Scope(@Nullable String institutionId, List<String> regions) {
    public Scope {
      regions = List.copyOf(regions);
    }

    boolean sees(Clue c) {
      return institutionId != null
          ? institutionId.equals(c.institutionId())
          : Jurisdictions.within(c.region(), regions);
    }
  }

  ClueDesk(Database db, Clock clock, ClueSettings settings) {
    this.db = db;
    this.clock = clock;
    this.settings = settings;
    this.ids = new OrderedIds("C", clock::millis);
    long every = settings.scanEvery().toMillis();
    escalator.scheduleWithFixedDelay(this::escalateQuietly, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Sends a lead to every institution that receives it; returns the clues made (none for a lead
   * sent before).
   */
  public List<Clue> raise(Lead lead) {
    return raise(lead, db.institutions().list());
  }

  /** As {@link #raise(Lead)}, routing among {@code institutions} (read once for many leads). */
  List<Clue> raise(Lead lead, List<Institution> institutions) {
    long now = clock.millis();
    List<Clue> made = new ArrayList<>();
    for (Institution i :
        ClueRouter.receivers(
            institutions, lead.target(), lead.value(), lead.severity(), lead.region())) {
      Clue c =
          Clue.fresh(
              ids.next(),
              i.id(),
              lead.key(),
              lead.source(),
              lead.sourceRef(),
              lead.target().wireName(),
              lead.value(),
              lead.fraudType().wireName(),
              lead.severity(),
              lead.region(),
              Units.forRegion(lead.region()),
              Columns.clip(lead.summary(), MAX_SUMMARY),
              Columns.evidence(lead.evidence()),
              now,
              now + settings.ackWithin(lead.severity()).toMillis(),
              now + settings.answerWithin(lead.severity()).toMillis(),
              i.webhookUrl() != null ? now : null);
      if (db.clues().insert(c)) {
        made.add(c);
      }
    }
    return made;
  }

  /** Returns whether a lead of this key was sent to anyone already. */
  boolean known(String leadKey) {
    return db.clues().known(leadKey);
  }

  /** Returns a clue the caller may see. */
  public Clue find(String id, Scope scope) {
    return db.clues().find(id).filter(scope::sees).orElseThrow(() -> new UnknownClue(id));
  }

  /** Clues the caller sees, newest first: open ones or all, of one institution or any. */
  public List<Clue> list(Scope scope, @Nullable String institutionId, boolean openOnly, int limit) {
    if (scope.institutionId() != null) {
      if (institutionId != null && !institutionId.equals(scope.institutionId())) {
        return List.of(); // another receiver's clues are not this one's to see
      }
      return db.clues().list(scope.institutionId(), openOnly, List.of(), limit);
    }
    return db.clues().list(institutionId, openOnly, scope.regions(), limit);
  }

  /**
   * Records that the receiver has taken the clue; once is enough (again changes nothing). Audited.
   */
  public Clue acknowledge(String id, Scope scope, Caller by) {
    find(id, scope);
    if (db.clues().acknowledge(id, by.name(), clock.millis())) {
      db.audit().recordChange(by.name(), by.rolesText(), "clue.ack", "clue", id);
    }
    return find(id, scope);
  }

  /**
   * Records what the receiver did, closing the clue; the same answer again changes nothing.
   * Audited.
   *
   * @throws BadRequestException for an unknown result or a note too long
   * @throws AlreadyAnswered when it was answered otherwise before
   */
  public Clue answer(String id, String result, @Nullable String note, Scope scope, Caller by) {
    if (!ANSWERS.contains(result)) {
      throw new BadRequestException(
          "result: must be one of " + String.join(", ", ANSWERS) + ", not " + result);
    }
    if (note != null && note.length() > MAX_NOTE) {
      throw new BadRequestException("note: at most " + MAX_NOTE + " characters");
    }
    Clue c = find(id, scope);
    if (!c.open() || !db.clues().answer(id, result, note, by.name(), clock.millis())) {
      Clue now = find(id, scope);
      if (result.equals(now.feedbackCode())) {
        return now;
      }
      throw new AlreadyAnswered(now);
    }
    db.audit().recordChange(by.name(), by.rolesText(), "clue.answer:" + result, "clue", id);
    return find(id, scope);
  }

  /**
   * Moves every late clue one unit up (at most once per {@code escalate-again-after}); returns how
   * many moved.
   */
  public int escalateLate() {
    return escalateLate(clock.millis());
  }

  int escalateLate(long now) {
    int moved = 0;
    for (Clue c :
        db.clues().late(now, MAX_ESCALATION, now - settings.escalateAgainAfter().toMillis(), 500)) {
      Optional<String> up = Units.up(c.unit());
      if (up.isPresent() && db.clues().escalate(c.id(), c.escalation(), up.get(), now)) {
        db.audit().recordChange("system", "SYSTEM", "clue.escalate:" + up.get(), "clue", c.id());
        moved++;
      }
    }
    return moved;
  }

  private void escalateQuietly() {
    try {
      int n = escalateLate();
      if (n > 0) {
        log.info("{} late clues moved up a unit", n);
      }
    } catch (RuntimeException e) {
      log.warn("Escalating late clues failed; will retry", e);
    }
  }

  /** Each institution with how it has done, by name. */
  public Map<Institution, ClueRepository.Stats> stats() {
    Map<String, ClueRepository.Stats> byId = db.clues().stats(clock.millis());
    Map<Institution, ClueRepository.Stats> out = new LinkedHashMap<>();
    for (Institution i : db.institutions().list()) {
      out.put(
          i,
          byId.getOrDefault(
              i.id(), new ClueRepository.Stats(i.id(), 0, 0, 0, 0, 0, null, Map.of())));
    }
    return out;
  }

  /** The institutions, by id. */
  public Map<String, Institution> institutions() {
    Map<String, Institution> out = new LinkedHashMap<>();
    for (Institution i : db.institutions().list()) {
      out.put(i.id(), i);
    }
    return out;
  }

  static ListKind kind(String wire) {
    ListKind k = ListKind.fromWire(wire);
    if (k == null) {
      throw new BadRequestException("target.kind: one of " + ListKind.allowed() + ", not " + wire);
    }
    return k;
  }

  @Override
  public void close() {
    BackgroundThreads.stop(escalator);
  }
}

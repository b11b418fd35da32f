package org.fanzha.server.funds;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.time.Timestamps;
import org.fanzha.graph.freeze.HoldKind;
import org.fanzha.graph.freeze.HoldOrder;
import org.fanzha.graph.freeze.HoldRefusedException;
import org.fanzha.graph.freeze.HoldState;
import org.fanzha.graph.freeze.HoldTransition;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.store.Database;
import org.fanzha.store.HoldRecord;
import org.fanzha.store.StoreException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The stop (止付) and freeze (冻结) workflow: the rules are {@link HoldOrder}'s, the orders and their
 * history live in the store, and every change is also written to the audit log. An order past its
 * term is marked EXPIRED (and that change stored) the first time it is read after.
 */
@Service
public class HoldService {

  /** A freeze's term when none is asked: 180 days always fits in 6 calendar months. */
  static final Duration DEFAULT_FREEZE_TERM = Duration.ofDays(180);

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);

  private final Database db;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final SecureRandom random = new SecureRandom();

  HoldService(Database db, Clock clock, ApplicationEventPublisher events) {
    this.db = db;
    this.clock = clock;
    this.events = events;
  }

  /** No order with this id. */
  public static final class UnknownHoldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownHoldException(String id) {
      super("no hold order with id '" + id + "'");
    }
  }

  /** Who is acting, for the order's history and the audit log. */
  public record Actor(String name, String roles) {}

  /** Returns a new order in state REQUESTED, stored and audited. */
  public HoldOrder request(
      Actor actor,
      HoldKind kind,
      String account,
      long amountFen,
      String caseRef,
      @Nullable Duration term,
      @Nullable String note) {
    long now = clock.millis();
    Duration t = kind == HoldKind.FREEZE && term == null ? DEFAULT_FREEZE_TERM : term;
    for (int attempt = 0; ; attempt++) {
      HoldOrder o;
      try {
        o =
            HoldOrder.request(
                newId(kind, now), kind, account, amountFen, caseRef, t, now, actor.name(), note);
      } catch (IllegalArgumentException e) {
        throw new BadRequestException(
            Objects.toString(e.getMessage(), e.toString()),
            e); // the order's own checks of what was asked (amount, term)
      }
      try {
        db.holds().insert(toRecord(o));
      } catch (StoreException e) {
        if (attempt < 2 && db.holds().find(o.id()).isPresent()) {
          continue; // 32 random bits collided; draw again
        }
        throw e;
      }
      audit(actor, "hold.request", o);
      events.publishEvent(new HoldRequested(o));
      return o;
    }
  }

  /** Returns the order confirmed by the bank. */
  public HoldOrder confirm(Actor actor, String id, @Nullable String bankRef) {
    return change(actor, id, "hold.confirm", o -> o.confirm(clock.millis(), actor.name(), bankRef));
  }

  /** Returns the order refused by the bank. */
  public HoldOrder reject(Actor actor, String id, String reason) {
    return change(actor, id, "hold.reject", o -> o.reject(clock.millis(), actor.name(), reason));
  }

  /**
   * Returns the order renewed (a stop by 48 h, once; a freeze by {@code term}, default 180 days).
   */
  public HoldOrder renew(Actor actor, String id, @Nullable Duration term, @Nullable String note) {
    return change(
        actor,
        id,
        "hold.renew",
        o -> {
          try {
            return o.renew(
                clock.millis(),
                actor.name(),
                o.kind() == HoldKind.FREEZE && term == null ? DEFAULT_FREEZE_TERM : term,
                note);
          } catch (IllegalArgumentException e) {
            throw new BadRequestException("term_days: " + e.getMessage(), e);
          }
        });
  }

  /** Returns the order lifted. */
  public HoldOrder release(Actor actor, String id, String reason) {
    return change(actor, id, "hold.release", o -> o.release(clock.millis(), actor.name(), reason));
  }

  /** Returns the order with its full history, marked expired first if its term has ended. */
  public Optional<HoldOrder> find(String id) {
    return db.holds().find(id).map(r -> expired(toOrder(r), r.history().size()));
  }

  /** Returns the orders on an account, newest first. */
  public List<HoldOrder> forAccount(String account) {
    List<HoldOrder> out = new ArrayList<>();
    for (HoldRecord r : db.holds().forAccount(account)) {
      out.add(expired(toOrder(r), r.history().size()));
    }
    return out;
  }

  /** Returns the newest orders. */
  public List<HoldOrder> recent(int limit) {
    List<HoldOrder> out = new ArrayList<>();
    for (HoldRecord r : db.holds().recent(limit)) {
      out.add(expired(toOrder(r), r.history().size()));
    }
    return out;
  }

  /** Returns now as the workflow sees it. */
  public long now() {
    return clock.millis();
  }

  private HoldOrder change(Actor actor, String id, String action, UnaryOperator<HoldOrder> step) {
    HoldRecord stored = db.holds().find(id).orElseThrow(() -> new UnknownHoldException(id));
    HoldOrder current = expired(toOrder(stored), stored.history().size());
    HoldOrder next = step.apply(current); // HoldRefusedException: the workflow refuses (409)
    if (!db.holds().update(toRecord(next), current.history().size())) {
      throw new HoldRefusedException(
          "hold " + id + " was changed by someone else meanwhile; read it again");
    }
    audit(actor, action, next);
    return next;
  }

  /** Marks an order expired when due and stores that change; returns what is now stored. */
  private HoldOrder expired(HoldOrder o, int storedSteps) {
    HoldOrder e = o.expireIfDue(clock.millis());
    if (e == o) {
      return o;
    }
    if (db.holds().update(toRecord(e), storedSteps)) {
      audit(new Actor("system", "SYSTEM"), "hold.expire", e);
      return e;
    }
    // another reader stored the expiry (or another change) first: read what is stored now
    HoldRecord now = db.holds().find(o.id()).orElseThrow(() -> new UnknownHoldException(o.id()));
    return toOrder(now);
  }

  private void audit(Actor actor, String action, HoldOrder o) {
    db.audit().record(actor.name(), actor.roles(), action, EntityKind.ACCOUNT, o.account(), true);
  }

  private String newId(HoldKind kind, long now) {
    byte[] b = new byte[4];
    random.nextBytes(b);
    return kind.name()
        + "-"
        + DAY.format(Instant.ofEpochMilli(now).atOffset(Timestamps.CHINA))
        + "-"
        + HexFormat.of().formatHex(b);
  }

  static HoldRecord toRecord(HoldOrder o) {
    List<HoldRecord.Step> steps = new ArrayList<>(o.history().size());
    for (HoldTransition t : o.history()) {
      steps.add(
          new HoldRecord.Step(
              t.from() == null ? null : t.from().wireName(),
              t.to().wireName(),
              t.atMillis(),
              t.actor(),
              t.note(),
              t.expiresAtMillis()));
    }
    return new HoldRecord(
        o.id(),
        o.kind().wireName(),
        o.account(),
        o.amountFen(),
        o.caseRef(),
        o.state().wireName(),
        o.termMillis(),
        o.expiresAtMillis(),
        o.renewals(),
        steps);
  }

  static HoldOrder toOrder(HoldRecord r) {
    List<HoldTransition> h = new ArrayList<>(r.history().size());
    for (HoldRecord.Step s : r.history()) {
      h.add(
          new HoldTransition(
              s.from() == null ? null : state(s.from()),
              state(s.to()),
              s.atMillis(),
              s.actor(),
              s.note(),
              s.expiresAtMillis()));
    }
    return new HoldOrder(
        r.id(),
        HoldKind.valueOf(r.kind().toUpperCase(Locale.ROOT)),
        r.account(),
        r.amountFen(),
        r.caseRef(),
        state(r.state()),
        r.termMillis(),
        r.expiresAtMillis(),
        r.renewals(),
        h);
  }

  private static HoldState state(String wire) {
    return HoldState.valueOf(wire.toUpperCase(Locale.ROOT));
  }
}

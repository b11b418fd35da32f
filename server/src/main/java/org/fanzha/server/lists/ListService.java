package org.fanzha.server.lists;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.event.ListName;
import org.fanzha.core.event.ListingEvent;
import org.fanzha.core.event.Role;
import org.fanzha.core.id.InvalidIdentifierException;
import org.fanzha.server.runner.Runner;
import org.fanzha.server.runner.StreamTime;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.OrderedIds;
import org.fanzha.store.Database;
import org.fanzha.store.ListEntry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Adds and lifts list entries. An entry is stored with its provenance first, then its {@code
 * listing} event is journaled and applied by the runner before this returns, so the next event is
 * scored with it. Every change is audited. Entries past their term are lifted by a sweep every
 * minute.
 */
@Service
public class ListService {

  private static final Logger log = LoggerFactory.getLogger(ListService.class);

  /** 《电信网络诈骗及其关联违法犯罪联合惩戒办法》: a dishonest listing lasts two years, three at most. */
  static final Duration DISHONEST_TERM = Duration.ofDays(2 * 365);

  static final Duration DISHONEST_MAX_TERM = Duration.ofDays(3 * 365);

  private final Database db;
  private final Runner runner;
  private final Clock clock;
  private final EventCodec codec = new EventCodec();
  private final Queue<ListingEvent> pending = new ConcurrentLinkedQueue<>();
  private final OrderedIds ids;

  ListService(Database db, Runner runner, Clock clock) {
    this.db = db;
    this.runner = runner;
    this.clock = clock;
    this.ids = new OrderedIds("LE-", clock::millis);
  }

  /** What a caller asks to list; {@code value} as typed, normalised here. */
  public record NewEntry(
      ListName list,
      ListKind kind,
      String value,
      @Nullable Role role,
      @Nullable FraudType fraudType,
      String reason,
      String source,
      @Nullable String evidence,
      @Nullable String legalBasis,
      @Nullable String measures,
      @Nullable Long expiresAtMs) {}

  /**
   * Checks, stores and applies a new entry; returns it.
   *
   * @throws BadRequestException naming the field when the entry is not acceptable
   */
  public ListEntry add(NewEntry n, Caller author) {
    ListEntry e = check(n, author, clock.millis());
    db.lists().insert(e);
    db.audit()
        .recordChange(
            author.name(),
            author.rolesText(),
            "list.add:" + e.list().wireName(),
            "list_entry",
            e.id());
    apply(List.of(event(e, false)));
    return e;
  }

  /**
   * Stores and applies many entries at once (an import); each must have passed {@link #check}.
   * Returns how many were stored.
   */
  int addAll(List<ListEntry> entries, Caller author) {
    db.lists().insertAll(entries);
    db.audit()
        .recordChange(
            author.name(),
            author.rolesText(),
            "list.import",
            "list_entry",
            entries.size() + " entries");
    apply(entries.stream().map(e -> event(e, false)).toList());
    return entries.size();
  }

  /**
   * Lifts an entry in force; returns it as lifted, or empty when there is no such entry or it was
   * lifted already.
   */
  public Optional<ListEntry> lift(String id, String reason, Caller by) {
    if (reason.isBlank() || reason.length() > 1000) {
      throw new BadRequestException("reason: why the entry is lifted, 1–1000 characters");
    }
    Optional<ListEntry> e = db.lists().find(id);
    if (e.isEmpty() || !db.lists().lift(id, by.name(), reason, clock.millis())) {
      return Optional.empty();
    }
    db.audit().recordChange(by.name(), by.rolesText(), "list.lift", "list_entry", id);
    applyLift(e.get());
    return db.lists().find(id);
  }

  /**
   * Tells the engine an entry was lifted, unless another entry of the same list still names the
   * value: the engine keeps one standing per list and value, the store every entry.
   */
  private void applyLift(ListEntry lifted) {
    boolean another =
        db.lists().inForce(lifted.kind(), lifted.value(), clock.millis()).stream()
            .anyMatch(o -> o.list() == lifted.list());
    if (!another) {
      apply(List.of(event(lifted, true)));
    }
  }

  /** Sends again what the engine did not take, and lifts the entries whose term has ended. */
  @Scheduled(fixedDelayString = "${fanzha.lists.sweep-interval:PT1M}", initialDelayString = "PT10S")
  public void sweep() {
    if (!runner.isRunning()) {
      return;
    }
    try {
      retryPending();
      for (ListEntry e : db.lists().expired(clock.millis(), 1000)) {
        if (db.lists().lift(e.id(), "expiry", "term ended", clock.millis())) {
          db.audit().recordChange("expiry", "SYSTEM", "list.expire", "list_entry", e.id());
          applyLift(e);
        }
      }
    } catch (RuntimeException ex) {
      log.warn("Lifting expired list entries failed; will retry", ex);
    }
  }

  /** Returns the entries in force naming a value (normalised first). */
  public List<ListEntry> inForce(ListKind kind, String value) {
    return db.lists().inForce(kind, normalised(kind, value), clock.millis());
  }

  /**
   * Returns the entries in force naming any of these normalised values of one kind, by value (one
   * query).
   */
  Map<String, List<ListEntry>> standing(ListKind kind, List<String> values) {
    return db.lists().inForce(kind, values, clock.millis());
  }

  /** Returns every entry that ever named a value (normalised first), newest first. */
  public List<ListEntry> history(ListKind kind, String value) {
    return db.lists().history(kind, normalised(kind, value));
  }

  /**
   * Returns a value in the form events carry it.
   *
   * @throws BadRequestException naming {@code value} when it is not one of {@code kind}
   */
  public String normalised(ListKind kind, String value) {
    try {
      return codec.listedValue(kind, value);
    } catch (InvalidIdentifierException e) {
      throw new BadRequestException("value: " + e.getMessage());
    }
  }

  /**
   * Checks a new entry against the rules lists keep (a reason, a legal basis and a lawful term for
   * the dishonest list, a role only on the black list, nothing contradicting it in force) and
   * returns it with a fresh id, as stored.
   *
   * @throws BadRequestException naming the field
   */
  ListEntry check(NewEntry n, Caller author, long now) {
    ListEntry e = prepare(n, author, now);
    checkAgainst(e, db.lists().inForce(e.kind(), e.value(), now));
    return e;
  }

  /**
   * Refuses an entry that contradicts one in force on the same value: white beside black, grey or
   * dishonest, or the reverse (lift that first).
   *
   * @throws BadRequestException naming {@code list}
   */
  static void checkAgainst(ListEntry e, List<ListEntry> standing) {
    for (ListEntry other : standing) {
      if ((e.list() == ListName.WHITE) != (other.list() == ListName.WHITE)) {
        throw new BadRequestException(
            "list: "
                + e.value()
                + " is on the "
                + other.list().wireName()
                + " list (entry "
                + other.id()
                + "); lift that first");
      }
    }
  }

  /**
   * Checks a new entry on its own (everything but what stands against it) and returns it with a
   * fresh id.
   *
   * @throws BadRequestException naming the field
   */
  ListEntry prepare(NewEntry n, Caller author, long now) {
    String value = normalised(n.kind(), n.value());
    if (n.reason().isBlank() || n.reason().length() > 1000) {
      throw new BadRequestException("reason: why it is listed, 1–1000 characters");
    }
    if (n.source().isBlank() || n.source().length() > 64) {
      throw new BadRequestException(
          "source: who or what lists it (institution, rule, label, report, import), 1–64 "
              + "characters");
    }
    if (n.role() != null
        && (n.list() != ListName.BLACK || n.role() == Role.NORMAL || n.role() == Role.VICTIM)) {
      throw new BadRequestException(
          "role: only a black entry names a role: fraud_number, mule or card_dealer");
    }
    if (n.expiresAtMs() != null && n.expiresAtMs() <= now) {
      throw new BadRequestException("expires_at: must lie in the future");
    }
    Long expires = n.expiresAtMs();
    if (n.list() == ListName.DISHONEST) {
      if (n.kind() != ListKind.HOLDER) {
        throw new BadRequestException(
            "kind: the dishonest list names people: holder (resident ID)");
      }
      if (n.legalBasis() == null || n.legalBasis().isBlank()) {
        throw new BadRequestException(
            "legal_basis: a dishonest listing rests on a decision or article "
                + "(e.g. 反电信网络诈骗法第31条 and the case decision)");
      }
      if (expires == null) {
        expires = now + DISHONEST_TERM.toMillis();
      } else if (expires - now > DISHONEST_MAX_TERM.toMillis()) {
        throw new BadRequestException("expires_at: a dishonest listing lasts at most three years");
      }
    }
    checkLength("evidence", n.evidence(), 2000);
    checkLength("legal_basis", n.legalBasis(), 200);
    checkLength("measures", n.measures(), 500);
    return new ListEntry(
        ids.next(),
        n.list(),
        n.kind(),
        value,
        n.role(),
        n.fraudType(),
        n.reason().strip(),
        n.source().strip(),
        n.evidence(),
        n.legalBasis(),
        n.measures(),
        author.name(),
        now,
        expires,
        null,
        null,
        null);
  }

  private static void checkLength(String field, @Nullable String v, int max) {
    if (v != null && v.length() > max) {
      throw new BadRequestException(field + ": at most " + max + " characters");
    }
  }

  private ListingEvent event(ListEntry e, boolean lift) {
    return new ListingEvent(
        e.id() + (lift ? "-lift" : "-add"),
        StreamTime.now(db, clock),
        "lists",
        e.list(),
        lift,
        e.kind(),
        e.value(),
        e.role(),
        e.fraudType(),
        e.id());
  }

  /**
   * Journals listing events and waits until the runner has them, so the next event sees them. What
   * the runner did not take is kept and sent again by the sweep (the journal skips an event id it
   * has, so sending twice is harmless).
   *
   * @throws NotApplied when the runner did not take them now
   */
  private void apply(List<ListingEvent> events) {
    for (int from = 0; from < events.size(); from += 1000) {
      List<ListingEvent> chunk =
          new ArrayList<>(events.subList(from, Math.min(events.size(), from + 1000)));
      try {
        runner.submit(chunk).get(60, TimeUnit.SECONDS);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        pending.addAll(events.subList(from, events.size()));
        throw new NotApplied(ex);
      } catch (ExecutionException | TimeoutException | RejectedExecutionException ex) {
        pending.addAll(events.subList(from, events.size()));
        throw new NotApplied(ex);
      }
    }
  }

  /**
   * Sends again what the engine did not take, as the store says now: an add lifted meanwhile is not
   * sent again.
   */
  private void retryPending() {
    List<ListingEvent> again = new ArrayList<>();
    for (ListingEvent e = pending.poll(); e != null; e = pending.poll()) {
      if (e.lift()
          || e.entry() == null
          || db.lists().find(e.entry()).map(x -> x.inForce(clock.millis())).orElse(false)) {
        again.add(e);
      }
    }
    if (!again.isEmpty()) {
      apply(again);
      log.info("{} list changes the engine did not take at first were applied", again.size());
    }
  }

  /** The change is stored, but the engine did not take it yet; it is sent again within a minute. */
  public static final class NotApplied extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotApplied(Throwable cause) {
      super("stored, but the engine did not take it now; it is applied within a minute", cause);
    }
  }
}

package org.fanzha.server.work;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.ListKind;
import org.fanzha.graph.freeze.HoldState;
import org.fanzha.server.regions.EntityRegions;
import org.fanzha.server.regions.Jurisdictions;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.Masks;
import org.fanzha.server.system.Roles;
import org.fanzha.store.Appeal;
import org.fanzha.store.Clue;
import org.fanzha.store.Database;
import org.fanzha.store.HoldRecord;
import org.fanzha.store.WarningTask;
import org.fanzha.store.WorkRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

/**
 * Gathers the open work a caller may do from the tables that hold it — warning tasks and clues and
 * holds for analysts (of their regions), appeals for reviewers — with who works each and how many
 * notes it has.
 */
@Service
public class WorkItems {
  public static final String WARNING = "warning";
  public static final String HOLD = "hold";
  public static final String APPEAL = "appeal";
  public static final String CLUE = "clue";
  public static final List<String> KINDS = List.of(WARNING, HOLD, APPEAL, CLUE);
  private static final int PER_KIND = 300;

  private final Database db;
  private final EntityRegions regions;

  WorkItems(Database db, EntityRegions regions) {
    this.db = db;
    this.regions = regions;
  }

  /** An item that does not exist, is closed, or is not the caller's to see (404). */
  public static final class UnknownItem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownItem(String kind, String ref) {
      super("no open " + kind + " '" + ref + "' you may work");
    }
  }

  /** Returns the kinds of work a caller's roles take. */
  public static List<String> kindsFor(Caller c) {
    List<String> kinds = new ArrayList<>();
    if (c.hasAny(Roles.ANALYST, Roles.ADMIN)) {
      kinds.addAll(List.of(WARNING, HOLD, CLUE));
    }
    if (c.hasAny(Roles.REVIEWER, Roles.ADMIN)) {
      kinds.add(APPEAL);
    }
    return kinds;
  }

  /** Every open item the caller may work, soonest due first (items without a due time last). */
  public List<WorkItem> open(@Nullable Authentication auth) {
    Caller caller = Caller.of(auth);
    List<String> scope = Jurisdictions.of(db, auth);
    Map<String, WorkRepository.Assignment> assigned = db.work().assignments();
    Map<String, Long> notes = db.work().noteCounts();
    List<WorkItem> out = new ArrayList<>();
    List<String> kinds = kindsFor(caller);
    if (kinds.contains(WARNING)) {
      db.warnings()
          .list(WarningTask.OPEN, scope, PER_KIND)
          .forEach(t -> out.add(item(t, assigned, notes)));
    }
    if (kinds.contains(CLUE)) {
      db.clues().list(null, true, scope, PER_KIND).forEach(c -> out.add(item(c, assigned, notes)));
    }
    if (kinds.contains(HOLD)) {
      db.holds().recent(PER_KIND).stream()
          .filter(h -> open(h) && visible(h, scope))
          .forEach(h -> out.add(item(h, assigned, notes)));
    }
    if (kinds.contains(APPEAL)) {
      db.appeals().withStatus("open", PER_KIND).forEach(a -> out.add(item(a, assigned, notes)));
    }
    out.sort(
        Comparator.comparing((WorkItem w) -> w.dueMs() == null ? Long.MAX_VALUE : w.dueMs())
            .thenComparing(WorkItem::key));
    return out;
  }

  /**
   * Returns one open item the caller may work.
   *
   * @throws UnknownItem when there is none such
   */
  public WorkItem find(String kind, String ref, @Nullable Authentication auth) {
    Caller caller = Caller.of(auth);
    if (!kindsFor(caller).contains(kind)) {
      throw new UnknownItem(kind, ref);
    }
    List<String> scope = Jurisdictions.of(db, auth);
    Map<String, WorkRepository.Assignment> assigned =
        db.work().assignment(kind, ref).map(a -> Map.of(kind + ":" + ref, a)).orElse(Map.of());
    Map<String, Long> notes = Map.of(kind + ":" + ref, (long) db.work().notes(kind, ref).size());
    Optional<WorkItem> found =
        switch (kind) {
          case WARNING ->
              db.warnings()
                  .find(ref)
                  .filter(WarningTask::isOpen)
                  .filter(t -> Jurisdictions.within(t.unit(), scope))
                  .map(t -> item(t, assigned, notes));
          case CLUE ->
              db.clues()
                  .find(ref)
                  .filter(Clue::open)
                  .filter(c -> Jurisdictions.within(c.region(), scope))
                  .map(c -> item(c, assigned, notes));
          case HOLD ->
              db.holds()
                  .find(ref)
                  .filter(h -> open(h) && visible(h, scope))
                  .map(h -> item(h, assigned, notes));
          case APPEAL ->
              db.appeals()
                  .find(ref)
                  .filter(a -> a.status().equals("open"))
                  .map(a -> item(a, assigned, notes));
          default -> Optional.empty();
        };
    return found.orElseThrow(() -> new UnknownItem(kind, ref));
  }

  private static WorkItem item(
      WarningTask t, Map<String, WorkRepository.Assignment> assigned, Map<String, Long> n) {
    String victim =
        t.victimPhone() != null
            ? Masks.entity(EntityKind.PHONE, t.victimPhone())
            : t.victimAccount() != null ? Masks.entity(EntityKind.ACCOUNT, t.victimAccount()) : "—";
    return make(
        WARNING,
        t.id(),
        t.severity() + " · " + t.fraudType() + " · " + victim,
        t.unit(),
        t.dueAtMs(),
        t.status(),
        "/warnings/" + t.id(),
        assigned,
        n);
  }

  private static WorkItem item(
      Clue c, Map<String, WorkRepository.Assignment> assigned, Map<String, Long> n) {
    ListKind kind = ListKind.fromWire(c.targetKind());
    String target =
        kind == null ? c.targetKind() : c.targetKind() + " " + Masks.listed(kind, c.targetValue());
    return make(
        CLUE,
        c.id(),
        c.severity() + " · " + target + " · " + c.institutionId(),
        c.unit(),
        c.ackedAtMs() == null ? c.ackDueMs() : c.feedbackDueMs(),
        c.status(),
        "/clues?status=all#clue-" + c.id(),
        assigned,
        n);
  }

  private static WorkItem item(
      HoldRecord h, Map<String, WorkRepository.Assignment> assigned, Map<String, Long> n) {
    return make(
        HOLD,
        h.id(),
        h.kind()
            + " · "
            + Masks.entity(EntityKind.ACCOUNT, h.account())
            + " · "
            + BigDecimal.valueOf(h.amountFen(), 2).toPlainString(),
        null,
        h.expiresAtMillis(),
        h.state(),
        "/funds",
        assigned,
        n);
  }

  private static WorkItem item(
      Appeal a, Map<String, WorkRepository.Assignment> assigned, Map<String, Long> n) {
    String value =
        a.kind().entityKind() != null ? Masks.entity(a.kind().entityKind(), a.value()) : a.value();
    return make(
        APPEAL,
        a.id(),
        a.kind().wireName() + " " + value,
        null,
        a.dueAtMs(),
        a.status(),
        "/appeals",
        assigned,
        n);
  }

  private static WorkItem make(
      String kind,
      String ref,
      String title,
      @Nullable String unit,
      @Nullable Long due,
      String status,
      String link,
      Map<String, WorkRepository.Assignment> assigned,
      Map<String, Long> notes) {
    WorkRepository.Assignment a = assigned.get(kind + ":" + ref);
    return new WorkItem(
        kind,
        ref,
        title,
        unit,
        due,
        status,
        link,
        a == null ? null : a.assignee(),
        notes.getOrDefault(kind + ":" + ref, 0L));
  }

  private static boolean open(HoldRecord h) {
    return !HoldState.valueOf(h.state().toUpperCase(Locale.ROOT)).isFinal();
  }

  private boolean visible(HoldRecord h, List<String> scope) {
    return regions.visibility(EntityKind.ACCOUNT, h.account(), scope)
        != EntityRegions.Visibility.NONE;
  }
}

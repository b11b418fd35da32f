package org.fanzha.engine.scoring;

import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.ListName;
import org.fanzha.core.event.ListingEvent;
import org.fanzha.core.event.Role;

/**
 * List entries added and lifted (issue 10): a black entry blocks (the kind's {@code *_LISTED}
 * rule), a grey one raises without blocking, a white one mitigates, a dishonest one restricts what
 * a person may open; a lift takes effect for the next event. The lists keep the standing; an entity
 * the engine already knows gets its flags now and is scored again, one it has not met gets them
 * when an event first names it. Domains, URLs and apps on the black list are checked where a
 * handset visits or installs them.
 */
public final class ListingSteps {
  private final EngineState s;
  private final Standing standing;

  public ListingSteps(EngineState s, Evaluation eval, DecisionTally tally) {
    this.s = s;
    this.standing = new Standing(s, eval, tally);
  }

  /**
   * Applies the list entry at {@code stage}: where the entity's kind is kept (a phone at ACTOR and
   * at PERSON); a site or app entry where people's handsets are checked (PERSON).
   */
  void listing(ListingEvent l, Stage stage) {
    boolean on = !l.lift();
    EntityKind kind = l.kind().entityKind();
    if (kind == null) {
      if (l.list() == ListName.BLACK) {
        s.lists.listTarget(l.entity(), on);
      }
      return;
    }
    String entity = l.entity();
    Role role = null;
    switch (l.list()) {
      case BLACK -> {
        if (on) {
          role = l.role() != null ? l.role() : usualRole(kind);
          // a device or IP has no role of its own; the list still records it under one
          s.lists.apply(kind, entity, role != null ? role : Role.FRAUD_NUMBER, l.fraudType());
        } else {
          s.lists.lift(kind, entity, true);
        }
      }
      case WHITE -> {
        if (on) {
          s.lists.apply(kind, entity, Role.NORMAL, null);
        } else {
          s.lists.lift(kind, entity, false);
        }
      }
      case GREY -> s.lists.grey(kind, entity, on);
      case DISHONEST -> s.lists.dishonest(entity, on);
    }
    if (s.table(kind).find(entity) < 0) {
      return; // not met yet: no feature slice for it until an event names it
    }
    int id = standing.enter(kind, entity);
    standing.matchLists(kind, id, entity);
    if (on && l.list() == ListName.BLACK && l.fraudType() != null) {
      standing.fraudType(kind, id, EpisodeTypes.code(l.fraudType()));
    }
    standing.rescore(kind, id, l.ts(), role, stage);
  }

  /**
   * What a black entry without a role says: a number is a fraud number, an account a mule, a person
   * a dealer; a device or IP is listed without a role ({@code null}).
   */
  private static @org.jspecify.annotations.Nullable Role usualRole(EntityKind kind) {
    return switch (kind) {
      case PHONE -> Role.FRAUD_NUMBER;
      case ACCOUNT -> Role.MULE;
      case HOLDER -> Role.CARD_DEALER;
      default -> null;
    };
  }
}

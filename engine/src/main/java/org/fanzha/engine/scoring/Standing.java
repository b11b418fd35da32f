package org.fanzha.engine.scoring;

import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Role;
import org.fanzha.engine.features.FeatureTable;
import org.jspecify.annotations.Nullable;

/**
 * An entity's standing on the lists, as its feature table's flags: black-listed, cleared, grey,
 * dishonest; and scoring it again once that changed. Shared by labels (confirmed outcomes) and
 * listings (list entries).
 */
final class Standing {
  private final EngineState s;
  private final Evaluation eval;
  private final DecisionTally tally;

  Standing(EngineState s, Evaluation eval, DecisionTally tally) {
    this.s = s;
    this.eval = eval;
    this.tally = tally;
  }

  /** Returns the entity's id in its table, named as the party the decision is about. */
  int enter(EntityKind kind, String entity) {
    int id = s.table(kind).intern(entity);
    tally.primary(kind, id, entity);
    return id;
  }

  /**
   * Black-lists: listed, no longer cleared; a fraud type (code + 1, 0: none) is kept for phones and
   * accounts.
   */
  void black(EntityKind kind, int id, int fraudType) {
    FeatureTable t = s.table(kind);
    t.setFlags(id, FeatureTable.FLAG_LISTED);
    t.clearFlags(id, FeatureTable.FLAG_WHITELISTED);
    fraudType(kind, id, fraudType);
  }

  /** Clears (第32条): off the black list, on the white list, the risk held so far dropped. */
  void clear(EntityKind kind, int id) {
    FeatureTable t = s.table(kind);
    t.clearFlags(id, FeatureTable.FLAG_LISTED);
    t.setFlags(id, FeatureTable.FLAG_WHITELISTED);
    dropRisk(kind, id);
  }

  /** Drops the risk held so far, for a phone also as a person; the next score rebuilds it. */
  private void dropRisk(EntityKind kind, int id) {
    if (kind == EntityKind.PHONE) {
      eval.numberChanging(id);
    }
    s.table(kind).setRisk(id, 0, 0, 0);
    if (kind == EntityKind.PHONE) {
      s.persons.clear(id);
    }
  }

  /** The flags the lists set. */
  static final int LIST_FLAGS =
      FeatureTable.FLAG_LISTED
          | FeatureTable.FLAG_WHITELISTED
          | FeatureTable.FLAG_GREY
          | FeatureTable.FLAG_DISHONEST;

  /**
   * Makes an entity's flags what the lists say now; a flag taken off (a lift) or a new clearing
   * drops the risk held so far, which the next score rebuilds.
   */
  void matchLists(EntityKind kind, int id, String entity) {
    FeatureTable t = s.table(kind);
    int before = t.flags(id) & LIST_FLAGS;
    int after = s.lists.flagsOf(kind, entity);
    t.clearFlags(id, LIST_FLAGS & ~after);
    t.setFlags(id, after);
    if ((before & ~after) != 0 || (after & ~before & FeatureTable.FLAG_WHITELISTED) != 0) {
      dropRisk(kind, id);
    }
  }

  /** Keeps a fraud type (code + 1) on a phone or account. */
  void fraudType(EntityKind kind, int id, int fraudType) {
    if (fraudType != 0 && kind == EntityKind.PHONE) {
      s.phones.fraudType(id, fraudType);
    } else if (fraudType != 0 && kind == EntityKind.ACCOUNT) {
      s.accounts.fraudType(id, fraudType);
    }
  }

  /**
   * Scores the entity with its new standing, keeping {@code role} among its roles (none when {@code
   * null}). A phone is scored at the {@code stage} asked: as a number (ACTOR) or as a person
   * (PERSON, where a victim's role is kept).
   */
  void rescore(EntityKind kind, int id, long ts, @Nullable Role role, Stage stage) {
    int bits = role == null || role == Role.NORMAL ? 0 : FeatureTable.bit(role);
    if (kind == EntityKind.PHONE && stage == Stage.PERSON) {
      eval.person(id, ts);
      s.persons.raise(id, 0, 0, role == Role.VICTIM ? bits : 0);
      return;
    }
    switch (kind) {
      case PHONE -> eval.phone(id, ts);
      case ACCOUNT -> eval.account(id, ts);
      case HOLDER -> eval.holder(id, ts);
      default -> eval.node(kind == EntityKind.IP ? s.ips : s.devices, kind, id, ts);
    }
    s.table(kind).raise(id, 0, 0, kind == EntityKind.PHONE && role == Role.VICTIM ? 0 : bits);
  }
}

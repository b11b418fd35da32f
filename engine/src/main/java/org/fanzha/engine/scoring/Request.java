package org.fanzha.engine.scoring;

import org.fanzha.core.event.EntityKind;
import org.fanzha.engine.scoring.NumberView.NumberRisk;
import org.jspecify.annotations.Nullable;

/**
 * What one key asks of another after an event (decision 0023): count money against a payee, link a
 * victim to the number that reached them, count a fraud number against its holder, mark a dealer's
 * cards, warn the quiet episodes of a caller now suspected. A keyed runner sends it to the task
 * that owns {@link #key()} at {@link #stage()}; the embedded engine carries it out at once. Each is
 * guarded where it lands (a flag, a pair), so one delivered twice changes nothing the second time.
 *
 * @param link what to do
 * @param target the entity it is done to
 * @param from the other entity it is about (the payer, the victim), or null
 * @param eventId the event that caused it (warnings raised are named after it)
 * @param ts that event's time
 * @param risk for {@link Link#NUMBER_RISK}, the number's risk as people read it; {@link
 *     NumberRisk#NONE} otherwise
 */
public record Request(
    Link link, String target, @Nullable String from, String eventId, long ts, NumberRisk risk) {

  /** A request that carries no risk. */
  public Request(Link link, String target, @Nullable String from, String eventId, long ts) {
    this(link, target, from, eventId, ts, NumberRisk.NONE);
  }

  /** What a request does, where. */
  public enum Link {
    /**
     * Warn the quiet episodes the number (now suspected) started: every person's task may hold
     * some.
     */
    WARN_QUIET(Stage.PERSON, EntityKind.PHONE, true),
    /**
     * What people's steps read of this number changed (a line crossed, its links to fraud, its role
     * or fraud type): every person's task keeps a copy ({@link NumberCopies}).
     */
    NUMBER_RISK(Stage.PERSON, EntityKind.PHONE, true),
    /** A fraud number or mule the holder opened: one more against the holder. */
    HOLDER_FRAUD(Stage.HOLDER, EntityKind.HOLDER),
    /** A card dealer opened this number. */
    PHONE_DEALER(Stage.ACTOR, EntityKind.PHONE),
    /** A card dealer opened this account. */
    ACCOUNT_DEALER(Stage.ACTOR, EntityKind.ACCOUNT),
    /** A card dealer opened cards from this handset. */
    DEVICE_DEALER(Stage.NODE, EntityKind.DEVICE),
    /** A card dealer opened cards from this IP. */
    IP_DEALER(Stage.NODE, EntityKind.IP),
    /** Money a suspected or tainted mule ({@code from}) passed on fast reached this account. */
    MULE_MONEY(Stage.ACTOR, EntityKind.ACCOUNT),
    /** A person in a fraud episode ({@code from}, a phone) paid this account for the first time. */
    VICTIM_MONEY(Stage.ACTOR, EntityKind.ACCOUNT),
    /** This number reached a victim ({@code from}) who then paid. */
    VICTIM_OF(Stage.ACTOR, EntityKind.PHONE);

    private final Stage stage;
    private final EntityKind kind;

    /** Whether every task of the stage carries it out (it is about whatever any of them holds). */
    private final boolean everyTask;

    Link(Stage stage, EntityKind kind) {
      this(stage, kind, false);
    }

    Link(Stage stage, EntityKind kind, boolean everyTask) {
      this.stage = stage;
      this.kind = kind;
      this.everyTask = everyTask;
    }

    public Stage stage() {
      return stage;
    }

    public EntityKind kind() {
      return kind;
    }
  }

  /** Returns the stage whose task carries it out. */
  public Stage stage() {
    return link.stage;
  }

  /**
   * Returns the key of the task that carries it out ({@link Part#EVERY}: every task of the stage).
   */
  public String key() {
    return link.everyTask ? Part.EVERY : link.kind.wireName() + ":" + target;
  }
}

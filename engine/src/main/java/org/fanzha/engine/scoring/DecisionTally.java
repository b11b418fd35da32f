package org.fanzha.engine.scoring;

import java.util.List;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.EventType;
import org.fanzha.core.event.Role;
import org.fanzha.engine.Action;
import org.fanzha.engine.Decision;
import org.fanzha.engine.Level;
import org.jspecify.annotations.Nullable;

/**
 * The decision about the event being processed: every party scored while it is processed is
 * {@linkplain #consider considered}, the riskiest is reported with its reasons and the strongest
 * action any party called for. Also counts decisions by level.
 */
public final class DecisionTally {
  private final EngineState state;
  private final long[] byLevel = new long[Level.values().length];

  private EventType type = EventType.CALL;
  private String eventId = "";
  private int bestScore;
  private @Nullable EntityKind bestKind;
  private int bestId;
  private long bestMask;
  private Action bestAction = Action.ALLOW;
  private @Nullable EntityKind primaryKind;
  private int primaryId;
  private String primaryName = "";
  private @Nullable EntityKind otherKind;
  private int otherId;
  private String otherName = "";
  private @Nullable EntityKind newlyOnModelKind;
  private int newlyOnModelId;

  public DecisionTally(EngineState state) {
    this.state = state;
  }

  /** Starts the tally of an event of {@code type} named {@code eventId}. */
  public void begin(EventType type, String eventId) {
    this.type = type;
    this.eventId = eventId;
    bestScore = 0;
    bestKind = null;
    bestMask = 0;
    bestAction = Action.ALLOW;
    primaryKind = null;
    otherKind = null;
    newlyOnModelKind = null;
  }

  /** Notes that this event first made the model part of an entity's held reasons. */
  void newlyOnModel(EntityKind kind, int id) {
    newlyOnModelKind = kind;
    newlyOnModelId = id;
  }

  /** Returns the id of the event being processed. */
  String eventId() {
    return eventId;
  }

  /** Names the event's main party (the first named wins), with the event's own string for it. */
  void primary(EntityKind kind, int id, String name) {
    if (primaryKind == null) {
      primaryKind = kind;
      primaryId = id;
      primaryName = name; // the event's own string: the decision needs no decoding from the arena
    }
  }

  /** Remembers the event's string for another party it names (the decision may be about it). */
  void party(EntityKind kind, int id, String name) {
    otherKind = kind;
    otherId = id;
    otherName = name;
  }

  /** Considers a party just scored for the decision. */
  void consider(EntityKind kind, int id, int score, long mask, @Nullable Role role) {
    if (score <= 0) {
      return;
    }
    bestAction = bestAction.max(ActionPolicy.action(kind, score, role, type));
    // of parties held alike, the event's main party: its steps may run after a handset's (decision
    // 0023)
    if (score > bestScore || (score == bestScore && kind == primaryKind && id == primaryId)) {
      bestScore = score;
      bestKind = kind;
      bestId = id;
      bestMask = mask;
    }
  }

  /** Returns the decision about the event begun last. */
  public Decision decision() {
    if (bestKind == null) {
      EntityKind k = primaryKind == null ? EntityKind.PHONE : primaryKind;
      String entity = primaryKind == null ? "" : primaryName;
      return new Decision(eventId, k, entity, 0, Level.LOW, Action.ALLOW, List.of());
    }
    Level level = Level.of(bestScore);
    byLevel[level.ordinal()]++;
    String entity =
        bestKind == primaryKind && bestId == primaryId
            ? primaryName
            : bestKind == otherKind && bestId == otherId
                ? otherName
                : state.table(bestKind).name(bestId);
    return new Decision(
        eventId,
        bestKind,
        entity,
        bestScore,
        level,
        bestAction,
        state.codes.reasons(RuleKinds.of(bestKind), bestMask));
  }

  /**
   * Returns whether the decision just made is about the party this event first held on the model's
   * opinion.
   */
  boolean decidedNewlyOnModel() {
    return bestKind != null && bestKind == newlyOnModelKind && bestId == newlyOnModelId;
  }

  /** Returns the kind of the party the decision just made is about ({@code null} when none). */
  @Nullable EntityKind decidedKind() {
    return bestKind;
  }

  /** Returns the id of the party the decision just made is about. */
  int decidedId() {
    return bestId;
  }

  /**
   * Returns the count of decisions made at each level, by ordinal; the array itself, for snapshots.
   */
  public long[] decisionsByLevel() {
    return byLevel;
  }
}

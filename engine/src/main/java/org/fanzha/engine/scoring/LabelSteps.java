package org.fanzha.engine.scoring;

import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.Role;

/**
 * Labels from analysts and partners: a role listed (black list) or cleared (white list, held risk
 * reset), entered in the risk lists too, and the entity scored again with its new standing.
 */
public final class LabelSteps {
  private final EngineState s;
  private final Standing standing;

  public LabelSteps(EngineState s, Evaluation eval, DecisionTally tally) {
    this.s = s;
    this.standing = new Standing(s, eval, tally);
  }

  /**
   * Applies the label at {@code stage}: where the entity's kind is kept (a phone at ACTOR and at
   * PERSON).
   */
  void label(LabelEvent l, Stage stage) {
    Role role = l.role();
    s.lists.apply(l.entityKind(), l.entity(), role, l.fraudType());
    int id = standing.enter(l.entityKind(), l.entity());
    if (role == Role.NORMAL) {
      standing.clear(l.entityKind(), id);
    } else if (role != Role.VICTIM) {
      standing.black(
          l.entityKind(), id, l.fraudType() == null ? 0 : EpisodeTypes.code(l.fraudType()));
    }
    standing.rescore(l.entityKind(), id, l.ts(), role, stage);
  }
}

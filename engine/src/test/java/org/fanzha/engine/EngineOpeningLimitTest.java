package org.fanzha.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.engine.Scenario.DAY;
import static org.fanzha.engine.Scenario.T0;

import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.reason.Reason;
import org.junit.jupiter.api.Test;

/**
 * 一证五号: the sixth phone card one person opens is refused with the reason, while the person is not
 * held at risk for it (a rule of {@code scope: event}); a rule kept like any evidence would have
 * marked them.
 */
class EngineOpeningLimitTest {

  private static final String HOLDER = Scenario.holder(40);

  /**
   * Opens {@code cards} phone cards for one person, a year apart (no burst of openings), and
   * returns the last decision.
   */
  private static Decision openCards(Scenario s, int cards) {
    Decision last = null;
    for (int i = 0; i < cards; i++) {
      last = openCard(s, T0 - (cards - i) * 365 * DAY, 400 + i);
    }
    return last;
  }

  /** Opens phone card {@code n} for the person at a branch. */
  private static Decision openCard(Scenario s, long ts, int n) {
    return s.opening(
        ts, OpeningKind.SIM, Scenario.phone(n), HOLDER, null, null, null, null, "branch");
  }

  @Test
  void theFifthCardIsOpened_theSixthRefusedWithItsReason() {
    Decision fifth = openCards(new Scenario(), 5);
    assertThat(fifth.action()).isNotEqualTo(Action.HOLD);
    assertThat(fifth.reasons()).extracting(Reason::code).doesNotContain("HO_OVER_CARD_LIMIT");

    Scenario s = new Scenario();
    Decision sixth = openCards(s, 6);
    assertThat(sixth.action()).isEqualTo(Action.HOLD);
    assertThat(sixth.entityKind()).isEqualTo(EntityKind.HOLDER);
    assertThat(sixth.reasons()).extracting(Reason::code).contains("HO_OVER_CARD_LIMIT");
  }

  @Test
  void theRefusalIsNotKept_thePersonIsNotHeldAtRiskForIt() {
    Scenario s = new Scenario();
    openCards(s, 6);
    assertThat(
            s.engine()
                .entity(EntityKind.HOLDER, HOLDER)
                .map(EntityRisk::reasons)
                .orElse(java.util.List.of()))
        .as("a refused opening decides the event; the holder's held risk does not keep it")
        .extracting(Reason::code)
        .doesNotContain("HO_OVER_CARD_LIMIT");
    assertThat(s.engine().entity(EntityKind.HOLDER, HOLDER).map(EntityRisk::score).orElse(0))
        .isLessThan(40);
  }

  /**
   * A refused card is not a card held: when the limit is raised to six after a sixth card was
   * refused, the next card is the sixth held and is opened (counting the refused one, it would be
   * the seventh and refused again).
   */
  @Test
  void aRefusedCardIsNotHeld_theNextOneCountsFromTheCardsOpened() {
    Scenario s = new Scenario();
    assertThat(openCards(s, 6).action()).isEqualTo(Action.HOLD);
    s.engine().useRules(s.engine().rules().withParams(java.util.Map.of("holder.sim_limit", 6.0)));

    Decision next = openCard(s, T0, 499);

    assertThat(next.reasons()).extracting(Reason::code).doesNotContain("HO_OVER_CARD_LIMIT");
    assertThat(next.action()).isNotEqualTo(Action.HOLD);
    Decision seventh = openCard(s, T0 + DAY, 498);
    assertThat(seventh.reasons())
        .as("the seventh card held is past the raised limit")
        .extracting(Reason::code)
        .contains("HO_OVER_CARD_LIMIT");
  }
}

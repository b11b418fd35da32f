package org.fanzha.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.engine.Scenario.DAY;
import static org.fanzha.engine.Scenario.T0;

import java.util.function.Function;
import java.util.stream.Stream;
import org.fanzha.core.event.ClosingEvent;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.OpeningKind;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.keyed.KeyedEngines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 一证五号 with cards given up: a closed card no longer counts toward its holder's five, once, and only
 * the holder's own; a card opened again counts again. The same in the one-state engine and in the
 * engine cut by key (the closing runs where the holder's cards are counted).
 */
class CardClosingTest {

  private static final String HOLDER = Scenario.holder(41);
  private static final String OTHER = Scenario.holder(42);

  /** A runner: the one-state engine, or the keyed engines across three key groups. */
  static Stream<Function<Event, Decision>> runners() {
    return Stream.of(
        new Engine(EngineConfig.defaults())::process,
        new KeyedEngines(EngineConfig.defaults(), 3)::process);
  }

  private int seq;

  private Decision open(Function<Event, Decision> engine, String holder, int card, long ts) {
    return engine.apply(
        new OpeningEvent(
            "o" + ++seq,
            ts,
            null,
            OpeningKind.SIM,
            Scenario.phone(card),
            holder,
            null,
            null,
            null,
            null,
            "branch"));
  }

  private Decision close(Function<Event, Decision> engine, String holder, int card, long ts) {
    return engine.apply(
        new ClosingEvent(
            "x" + ++seq, ts, null, OpeningKind.SIM, Scenario.phone(card), holder, "branch"));
  }

  /** Five cards for the person, a year apart (no burst of openings). */
  private void fiveCards(Function<Event, Decision> engine) {
    for (int i = 0; i < 5; i++) {
      open(engine, HOLDER, 400 + i, T0 - (6 - i) * 365 * DAY);
    }
  }

  private static boolean refused(Decision d) {
    return d.reasons().stream().map(Reason::code).anyMatch("HO_OVER_CARD_LIMIT"::equals);
  }

  @ParameterizedTest
  @MethodSource("runners")
  void aCardGivenUp_makesRoomForANewOne(Function<Event, Decision> engine) {
    fiveCards(engine);
    Decision closing = close(engine, HOLDER, 401, T0 - 30 * DAY);
    assertThat(closing.isNone()).as("a closing decides nothing").isTrue();
    assertThat(refused(open(engine, HOLDER, 410, T0))).as("the fifth card held").isFalse();
    assertThat(refused(open(engine, HOLDER, 411, T0 + DAY))).as("the sixth held").isTrue();
  }

  @ParameterizedTest
  @MethodSource("runners")
  void aCardClosedTwice_countsOnce(Function<Event, Decision> engine) {
    fiveCards(engine);
    close(engine, HOLDER, 401, T0 - 30 * DAY);
    close(engine, HOLDER, 401, T0 - 29 * DAY);
    assertThat(refused(open(engine, HOLDER, 410, T0))).isFalse();
    assertThat(refused(open(engine, HOLDER, 411, T0 + DAY)))
        .as("counting the second closing again would leave room for this one")
        .isTrue();
  }

  @ParameterizedTest
  @MethodSource("runners")
  void closingAnotherPersonsCardOrOneNeverSeen_changesNothing(Function<Event, Decision> engine) {
    fiveCards(engine);
    open(engine, OTHER, 500, T0 - 100 * DAY);
    close(engine, HOLDER, 500, T0 - 30 * DAY);
    close(engine, HOLDER, 999, T0 - 30 * DAY);
    assertThat(refused(open(engine, HOLDER, 410, T0))).as("still five held").isTrue();
  }

  @ParameterizedTest
  @MethodSource("runners")
  void aClosedCardOpenedAgain_countsAgain(Function<Event, Decision> engine) {
    fiveCards(engine);
    close(engine, HOLDER, 401, T0 - 30 * DAY);
    open(engine, HOLDER, 401, T0 - 20 * DAY);
    assertThat(refused(open(engine, HOLDER, 410, T0))).as("five held again").isTrue();
    close(engine, HOLDER, 401, T0 + DAY);
    assertThat(refused(open(engine, HOLDER, 411, T0 + 2 * DAY)))
        .as("and closed again, it leaves room again")
        .isFalse();
  }

  /**
   * A dealer who opens cards and gives them up at once stays under the limit of cards held, but not
   * under the burst of openings: a closed card still counts as opened in the 30-day window.
   */
  @ParameterizedTest
  @MethodSource("runners")
  void cardsOpenedAndGivenUpAtOnce_stillCountAsABurstOfOpenings(Function<Event, Decision> engine) {
    Decision last = null;
    for (int i = 0; i < 6; i++) {
      long at = T0 + i * DAY;
      last = open(engine, OTHER, 600 + i, at);
      assertThat(refused(last)).as("never more than one card held").isFalse();
      close(engine, OTHER, 600 + i, at + 3_600_000);
    }
    assertThat(last.reasons()).extracting(Reason::code).contains("HO_MANY_SIMS");
  }

  /**
   * A card refused at the limit was never held: closing it afterwards takes nothing more off the
   * holder's cards.
   */
  @ParameterizedTest
  @MethodSource("runners")
  void closingACardThatWasRefused_takesNothingOff(Function<Event, Decision> engine) {
    fiveCards(engine);
    assertThat(refused(open(engine, HOLDER, 410, T0 - 60 * DAY))).isTrue();
    close(engine, HOLDER, 410, T0 - 30 * DAY);
    assertThat(refused(open(engine, HOLDER, 411, T0)))
        .as("still five held: the refused card was not one of them")
        .isTrue();
  }

  /**
   * A number given up and opened by someone else (recycled) stays with its first holder here; the
   * first holder's closing of it again, resent, takes nothing more off.
   */
  @ParameterizedTest
  @MethodSource("runners")
  void aRecycledNumberClosedAgainByItsFirstHolder_takesNothingMoreOff(
      Function<Event, Decision> engine) {
    fiveCards(engine);
    close(engine, HOLDER, 401, T0 - 90 * DAY);
    open(engine, OTHER, 401, T0 - 60 * DAY);
    close(engine, HOLDER, 401, T0 - 30 * DAY);
    assertThat(refused(open(engine, HOLDER, 410, T0))).as("four held: room for one").isFalse();
    assertThat(refused(open(engine, HOLDER, 411, T0 + DAY))).isTrue();
  }

  /**
   * A card opened again while its holder still holds it (a replacement SIM, a record sent twice
   * under another id) is one card held, not two; closed, it leaves room for one.
   */
  @ParameterizedTest
  @MethodSource("runners")
  void aCardOpenedAgainWhileHeld_isOneCard(Function<Event, Decision> engine) {
    for (int i = 0; i < 4; i++) {
      open(engine, HOLDER, 400 + i, T0 - (6 - i) * 365 * DAY);
    }
    open(engine, HOLDER, 401, T0 - 100 * DAY);
    assertThat(refused(open(engine, HOLDER, 410, T0))).as("the fifth card held").isFalse();
    assertThat(refused(open(engine, HOLDER, 411, T0 + DAY))).as("the sixth").isTrue();
    close(engine, HOLDER, 401, T0 + 2 * DAY);
    assertThat(refused(open(engine, HOLDER, 412, T0 + 3 * DAY))).as("room for one").isFalse();
  }
}

package org.fanzha.engine.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.core.time.Millis.DAY;
import static org.fanzha.core.time.Millis.HOUR;

import java.io.IOException;
import org.fanzha.core.event.FraudType;
import org.junit.jupiter.api.Test;

/**
 * A person kept apart and put back (decision 0042) against the sweeps and passes it went through.
 */
class PersonKeysTest {

  private static final long T0 = 1_795_741_200_000L;
  private static final String PERSON = "+8613800000001";
  private static final String KEY = "phone:" + PERSON;

  /**
   * A person the cache held through an idle sweep, which kept it for its lure, and then through a
   * pass that ended the lure, is kept when it is put back before the next sweep: that sweep had
   * seen it. Put back after a sweep it was away for, the same person is forgotten.
   */
  @Test
  void aSweepAPersonWentThroughWhileKept_isNotAppliedAgainWhenItIsPutBack() throws IOException {
    EngineState s = lured();
    s.forgetIdle(T0 + 2 * DAY, DAY, 50); // kept: its lure still holds
    s.expireEpisodes(T0 + 4 * DAY); // the lure's three days are over
    assertThat(s.victims.holdsPerson(s.phones.find(PERSON))).isFalse();

    byte[] bytes = KeyState.export(s, KEY);
    KeyState.forget(s, KEY);
    KeyState.restore(s, KEY, java.util.Objects.requireNonNull(bytes));
    assertThat(KeyState.forgetIfIdle(s, KEY, s.lastSweep(), DAY, 50)).isFalse();
    assertThat(KeyState.holds(s, KEY)).isTrue();

    // away for the next sweep: that one finds it idle with nothing held
    bytes = KeyState.export(s, KEY);
    KeyState.forget(s, KEY);
    s.forgetIdle(T0 + 5 * DAY, DAY, 50);
    KeyState.restore(s, KEY, java.util.Objects.requireNonNull(bytes));
    assertThat(KeyState.forgetIfIdle(s, KEY, s.lastSweep(), DAY, 50)).isTrue();
    assertThat(KeyState.holds(s, KEY)).isFalse();
  }

  /**
   * A person away for a pass and for the sweep after it is swept as the pass left it (its lure
   * ended: forgotten); away for a sweep and the pass after it, as the sweep found it (its lure
   * still held: kept), and then the pass ends its lure.
   */
  @Test
  void aPersonAwayForPassesAndSweeps_isSweptAsItStoodAtTheSweep() throws IOException {
    EngineState passFirst = lured();
    byte[] bytes = away(passFirst);
    passFirst.expireEpisodes(T0 + 4 * DAY);
    passFirst.forgetIdle(T0 + 5 * DAY, DAY, 50);
    KeyState.restore(passFirst, KEY, bytes);
    assertThat(KeyState.forgetIfIdle(passFirst, KEY, passFirst.lastSweep(), DAY, 50)).isTrue();

    EngineState sweepFirst = lured();
    bytes = away(sweepFirst);
    sweepFirst.forgetIdle(T0 + 2 * DAY, DAY, 50);
    sweepFirst.expireEpisodes(T0 + 4 * DAY);
    KeyState.restore(sweepFirst, KEY, bytes);
    assertThat(KeyState.forgetIfIdle(sweepFirst, KEY, sweepFirst.lastSweep(), DAY, 50)).isFalse();
    assertThat(sweepFirst.victims.holdsPerson(sweepFirst.phones.find(PERSON)))
        .as("the pass after the sweep ended its lure")
        .isFalse();
  }

  /** Exports the person and forgets it: the runner keeps it elsewhere. */
  private static byte[] away(EngineState s) {
    byte[] bytes = java.util.Objects.requireNonNull(KeyState.export(s, KEY));
    KeyState.forget(s, KEY);
    return bytes;
  }

  /** A people's share holding one person, met at T0 with a lure it keeps three days. */
  private static EngineState lured() {
    EngineState s = EngineState.forOneKey();
    s.keyed(Stage.PERSON);
    s.victims.window(24 * HOUR, 72 * HOUR);
    s.clock(T0);
    int v = s.phones.intern(PERSON);
    s.victims.rememberLure(v, FraudType.POLICE.ordinal() + 1, T0);
    return s;
  }
}

package org.fanzha.engine.correlation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fanzha.core.event.FraudType;
import org.fanzha.engine.Level;
import org.fanzha.engine.Warning;
import org.junit.jupiter.api.Test;

class VictimWatchTest {

  private static final long T0 = 1_795_741_200_000L;
  private static final long HOUR = 3_600_000L;

  @Test
  void step_warnsOnlyWhenSeverityRises() {
    VictimWatch w = new VictimWatch(24 * HOUR);
    assertThat(w.step(1, "+8613800000001", null, VictimWatch.CONTACT, Level.MEDIUM, 7,
        FraudType.POLICE.ordinal() + 1, T0, "c1")).isTrue();
    assertThat(w.step(1, "+8613800000001", null, VictimWatch.CONTACT, Level.MEDIUM, 7, 0, T0 + 1, "c2")).isFalse();
    assertThat(w.step(1, "+8613800000001", "6222000011112222", VictimWatch.PAID, Level.CRITICAL, -1, 0,
        T0 + HOUR, "t1")).isTrue();
    List<Warning> out = w.drain();
    assertThat(out).hasSize(2);
    Warning last = out.get(1);
    assertThat(last.id()).isEqualTo("W-t1");
    assertThat(last.severity()).isEqualTo(Level.CRITICAL);
    assertThat(last.fraudType()).isEqualTo(FraudType.POLICE);
    assertThat(last.victimAccount()).isEqualTo("6222000011112222");
    assertThat(last.evidence()).containsExactly("c1", "c2", "t1");
    assertThat(w.stage(1, T0 + HOUR)).isEqualTo(VictimWatch.CONTACT | VictimWatch.PAID);
    assertThat(w.fraudPhone(1, T0 + HOUR)).isEqualTo(7);
    assertThat(w.drain()).isEmpty();
  }

  @Test
  void stage_endsAfterTheWindowAndANewEpisodeWarnsAgain() {
    VictimWatch w = new VictimWatch(24 * HOUR);
    w.step(2, "+8613800000002", null, VictimWatch.CONTACT, Level.HIGH, 3, 0, T0, "c1");
    assertThat(w.stage(2, T0 + 25 * HOUR)).isZero();
    assertThat(w.step(2, "+8613800000002", null, VictimWatch.CONTACT, Level.MEDIUM, 3, 0, T0 + 30 * HOUR, "c9"))
        .isTrue();
    assertThat(w.drain()).extracting(Warning::id).containsExactly("W-c1", "W-c9");
  }
}

package org.fanzha.engine.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.core.time.Millis.HOUR;

import java.util.List;
import org.fanzha.core.event.FraudType;
import org.fanzha.engine.Level;
import org.fanzha.engine.Warning;
import org.junit.jupiter.api.Test;

class VictimWatchTest {

  private static final long T0 = 1_795_741_200_000L;
  private static final java.util.function.IntFunction<String> PHONES =
      id -> "+86170000000" + (10 + id);

  /** The ids {@link #PHONES} names. */
  private static final java.util.function.ToIntFunction<String> IDS =
      name -> Integer.parseInt(name.substring(12)) - 10;

  @Test
  void step_warnsOnlyWhenSeverityRises() {
    VictimWatch w = new VictimWatch(24 * HOUR, PHONES);
    assertThat(
            w.step(
                1,
                "+8613800000001",
                null,
                VictimWatch.CONTACT,
                Level.MEDIUM,
                7,
                FraudType.POLICE.ordinal() + 1,
                T0,
                "c1"))
        .isTrue();
    assertThat(
            w.step(
                1, "+8613800000001", null, VictimWatch.CONTACT, Level.MEDIUM, 7, 0, T0 + 1, "c2"))
        .isFalse();
    assertThat(
            w.step(
                1,
                "+8613800000001",
                "6222000011112222",
                VictimWatch.PAID,
                Level.CRITICAL,
                -1,
                0,
                T0 + HOUR,
                "t1"))
        .isTrue();
    List<Warning> out = w.drain();
    assertThat(out).hasSize(2);
    Warning last = out.get(1);
    assertThat(last.id()).isEqualTo("W-t1");
    assertThat(last.severity()).isEqualTo(Level.CRITICAL);
    assertThat(last.fraudType()).isEqualTo(FraudType.POLICE);
    assertThat(last.victimAccount()).isEqualTo("6222000011112222");
    assertThat(last.evidence()).containsExactly("c1", "c2", "t1");
    assertThat(out)
        .extracting(Warning::episode)
        .as("one episode, two warnings")
        .containsOnly("E-c1");
    assertThat(last.contact()).as("the number behind the episode").isEqualTo("+8617000000017");
    assertThat(w.stage(1, T0 + HOUR)).isEqualTo(VictimWatch.CONTACT | VictimWatch.PAID);
    assertThat(w.fraudPhone(1, T0 + HOUR)).isEqualTo(7);
    assertThat(w.drain()).isEmpty();
  }

  @Test
  void aTypeNamedByStrongerEvidenceIsNotReplacedByWeakerEvidence() {
    VictimWatch w = new VictimWatch(24 * HOUR, PHONES);
    int byContact =
        4 << 8; // strengths as EpisodeTypes grades them: the number's own type over the payee's
    int byPayee = 1 << 8;
    String v = "+8613800000003";
    w.step(
        3,
        v,
        null,
        VictimWatch.CONTACT,
        Level.MEDIUM,
        9,
        code(FraudType.INVESTMENT) | byContact,
        T0,
        "c1");
    w.step(
        3,
        v,
        "6222000011113333",
        VictimWatch.PAID,
        Level.HIGH,
        -1,
        code(FraudType.POLICE) | byPayee,
        T0 + HOUR,
        "t1");
    w.step(
        3,
        v,
        null,
        VictimWatch.CONTACT,
        Level.CRITICAL,
        9,
        code(FraudType.ROMANCE) | byContact,
        T0 + 2 * HOUR,
        "c2");
    w.step(
        4,
        "+8613800000004",
        null,
        VictimWatch.PAID,
        Level.HIGH,
        -1,
        code(FraudType.SHOPPING) | byPayee,
        T0,
        "t9");
    assertThat(w.drain())
        .extracting(Warning::fraudType)
        .as(
            "a mule's other victims do not retype an episode its caller typed; evidence as strong does; weak evidence "
                + "alone still names a type")
        .containsExactly(
            FraudType.INVESTMENT, FraudType.INVESTMENT, FraudType.ROMANCE, FraudType.SHOPPING);
  }

  @Test
  void strongerEvidenceForAnotherTypeRetypesAWarnedEpisodeAtTheSameSeverity() {
    VictimWatch w = new VictimWatch(24 * HOUR, PHONES);
    String v = "+8613800000005";
    assertThat(
            w.step(
                5,
                v,
                null,
                VictimWatch.PAID,
                Level.CRITICAL,
                -1,
                code(FraudType.SHOPPING) | (1 << 8),
                T0,
                "t1"))
        .isTrue();
    assertThat(
            w.step(
                5,
                v,
                null,
                VictimWatch.CONTACT,
                Level.HIGH,
                9,
                code(FraudType.POLICE) | (4 << 8),
                T0 + HOUR,
                "c1"))
        .as("the caller's type, stronger than the payee's")
        .isTrue();
    assertThat(
            w.step(
                5,
                v,
                null,
                VictimWatch.PAID,
                Level.CRITICAL,
                -1,
                code(FraudType.LOAN) | (1 << 8),
                T0 + 2 * HOUR,
                "t2"))
        .as("weaker evidence: nothing new to say")
        .isFalse();
    assertThat(w.drain())
        .extracting(Warning::fraudType, Warning::severity, Warning::episode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(FraudType.SHOPPING, Level.CRITICAL, "E-t1"),
            org.assertj.core.groups.Tuple.tuple(FraudType.POLICE, Level.CRITICAL, "E-t1"));
  }

  @Test
  void anEngagedLureOutlivesTheEpisodeWindowAndLaterBlastsOfAnotherKind() {
    VictimWatch w = new VictimWatch(24 * HOUR, PHONES);
    w.window(24 * HOUR, 14 * 24 * HOUR);
    w.rememberLure(6, code(FraudType.INVESTMENT), T0);
    w.rememberLure(6, code(FraudType.CREDIT), T0);
    assertThat(w.lureType(6))
        .as("not engaged: the last message received")
        .isEqualTo(code(FraudType.CREDIT));
    w.rememberLure(7, code(FraudType.INVESTMENT), T0);
    w.engageLure(7);
    w.rememberLure(7, code(FraudType.CREDIT), T0 + HOUR);
    assertThat(w.lureType(7)).as("engaged: kept").isEqualTo(code(FraudType.INVESTMENT));
    w.expire(T0 + 5 * 24 * HOUR, p -> 0, p -> 0);
    assertThat(w.lureType(7))
        .as("days later, within the lure window")
        .isEqualTo(code(FraudType.INVESTMENT));
    w.expire(T0 + 15 * 24 * HOUR, p -> 0, p -> 0);
    assertThat(w.lureType(7)).as("after it, timed by the lure itself").isZero();
  }

  @Test
  void aHintNamesNothingALureDoesAndNeverReplacesOne() {
    VictimWatch w = new VictimWatch(24 * HOUR, PHONES);
    w.window(24 * HOUR, 14 * 24 * HOUR);
    w.rememberHint(8, code(FraudType.INVESTMENT), T0);
    assertThat(w.hintType(8)).isEqualTo(code(FraudType.INVESTMENT));
    assertThat(w.lureType(8)).as("a hint is no lure").isZero();
    w.engageLure(8);
    w.rememberLure(8, code(FraudType.LOAN), T0 + HOUR);
    assertThat(w.lureType(8))
        .as("a lure replaces a hint, engaged or not")
        .isEqualTo(code(FraudType.LOAN));
    assertThat(w.hintType(8)).isZero();
    w.rememberHint(8, code(FraudType.SHOPPING), T0 + 2 * HOUR);
    assertThat(w.lureType(8))
        .as("a later hint does not replace the lure")
        .isEqualTo(code(FraudType.LOAN));
    w.rememberHint(9, code(FraudType.SHOPPING), T0);
    w.rememberHint(9, code(FraudType.CREDIT), T0 + HOUR);
    assertThat(w.hintType(9)).as("the last hint").isEqualTo(code(FraudType.CREDIT));
    w.expire(T0 + 15 * 24 * HOUR, p -> 0, p -> 0);
    assertThat(w.hintType(9)).as("forgotten with the lure window").isZero();
  }

  private static int code(FraudType t) {
    return t.ordinal() + 1;
  }

  @Test
  void stage_endsAfterTheWindowAndANewEpisodeWarnsAgain() {
    VictimWatch w = new VictimWatch(24 * HOUR, PHONES);
    w.step(2, "+8613800000002", null, VictimWatch.CONTACT, Level.HIGH, 3, 0, T0, "c1");
    assertThat(w.stage(2, T0 + 25 * HOUR)).isZero();
    assertThat(
            w.step(
                2,
                "+8613800000002",
                null,
                VictimWatch.CONTACT,
                Level.MEDIUM,
                3,
                0,
                T0 + 30 * HOUR,
                "c9"))
        .isTrue();
    List<Warning> both = w.drain();
    assertThat(both).extracting(Warning::id).containsExactly("W-c1", "W-c9");
    assertThat(both)
        .extracting(Warning::episode)
        .as("a new episode after the window")
        .containsExactly("E-c1", "E-c9");
    assertThat(both)
        .extracting(Warning::fraudType)
        .as("nothing points anywhere")
        .containsOnly(FraudType.OTHER);
  }

  @Test
  void note_opensAQuietEpisodeThatWarnsOnlyWhenItsCallerIsSuspected() {
    VictimWatch w = new VictimWatch(24 * HOUR, PHONES);
    w.note(5, VictimWatch.REMOTE | VictimWatch.CONTACT, 40, 0, T0, "d1", "c1");
    assertThat(w.drain()).isEmpty();
    assertThat(w.quiet(5, T0 + 1)).isTrue();
    assertThat(w.stage(5, T0 + 1)).isEqualTo(VictimWatch.REMOTE | VictimWatch.CONTACT);
    assertThat(w.warnedStage(5, T0 + 1)).isZero();
    assertThat(w.callerSuspected(PHONES.apply(41), Level.HIGH, T0 + 2, "r0", IDS, v -> {}))
        .isZero();

    List<Integer> warned = new java.util.ArrayList<>();
    assertThat(w.callerSuspected(PHONES.apply(40), Level.HIGH, T0 + HOUR, "r1", IDS, warned::add))
        .isEqualTo(1);
    assertThat(warned).containsExactly(5);
    List<Warning> out = w.drain();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).id())
        .as("named after the event and the episode's first evidence")
        .isEqualTo("W-r1-c1");
    assertThat(out.get(0).severity()).isEqualTo(Level.HIGH);
    assertThat(out.get(0).evidence()).containsExactly("c1", "d1", "r1");
    assertThat(w.quiet(5, T0 + HOUR)).isFalse();
    assertThat(w.warnedStage(5, T0 + HOUR)).isEqualTo(VictimWatch.REMOTE | VictimWatch.CONTACT);
    // once warned, the caller's suspicion does not warn the same episode again
    assertThat(w.callerSuspected(PHONES.apply(40), Level.HIGH, T0 + 2 * HOUR, "r2", IDS, v -> {}))
        .isZero();
  }

  @Test
  void callerSuspected_afterTheWindow_warnsNobody() {
    VictimWatch w = new VictimWatch(24 * HOUR, PHONES);
    w.note(6, VictimWatch.REMOTE, 50, 0, T0, "d1");
    assertThat(w.callerSuspected(PHONES.apply(50), Level.HIGH, T0 + 25 * HOUR, "r1", IDS, v -> {}))
        .isZero();
    assertThat(w.drain()).isEmpty();
  }

  @Test
  void callerSuspected_ofARestoredWatch_warnsTheQuietEpisodesWithDistinctIds()
      throws java.io.IOException {
    VictimWatch w = new VictimWatch(24 * HOUR, PHONES);
    w.note(8, VictimWatch.REMOTE, 60, 0, T0, "d8");
    w.note(7, VictimWatch.REMOTE, 60, 0, T0, "d7");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    w.write(new java.io.DataOutputStream(bytes));
    VictimWatch r = new VictimWatch(24 * HOUR, PHONES);
    r.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
    assertThat(r.callerSuspected(PHONES.apply(60), Level.HIGH, T0 + HOUR, "r1", IDS, v -> {}))
        .isEqualTo(2);
    assertThat(r.drain())
        .extracting(Warning::id, Warning::victimPhone)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("W-r1-d7", PHONES.apply(7)),
            org.assertj.core.groups.Tuple.tuple("W-r1-d8", PHONES.apply(8)));
    assertThat(r.drain()).isEmpty();
    r.step(7, "+861387", null, VictimWatch.PAID, Level.CRITICAL, 60, 0, T0 + HOUR, "t7");
    assertThat(r.drain())
        .extracting(Warning::episode)
        .as("the episode keeps its id across a restore")
        .containsExactly("E-d7");
  }

  /**
   * A person kept apart (decision 0042) misses the passes that end episodes and lures: put back, it
   * ends what the last pass ended, or what the pass before the owner's last idle sweep had ended,
   * which is how the sweep saw it. Its quiet episode stays indexed by caller while it is away,
   * until a pass ends the entry.
   */
  @Test
  void aPersonKeptApartOverAPass_endsWhatThePassEndedWhenPutBack() throws java.io.IOException {
    VictimWatch w = new VictimWatch(24 * HOUR, PHONES);
    w.rememberLure(5, FraudType.POLICE.ordinal() + 1, T0);
    w.note(5, VictimWatch.REMOTE, 40, 0, T0, "d1");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    w.writePerson(new java.io.DataOutputStream(bytes), 5);
    w.forgetPerson(5);
    assertThat(w.holdsPerson(5)).isFalse();
    assertThat(w.quietVictims(PHONES.apply(40))).containsExactly(PHONES.apply(5));

    w.markSweep(); // the owner swept before the pass below
    w.expire(T0 + 25 * HOUR, v -> 0, v -> 0);
    assertThat(w.quietVictims(PHONES.apply(40))).as("the pass ended the entry").isEmpty();
    java.io.ByteArrayOutputStream shared = new java.io.ByteArrayOutputStream();
    w.writeShared(new java.io.DataOutputStream(shared));

    VictimWatch back = new VictimWatch(24 * HOUR, PHONES);
    back.readShared(
        new java.io.DataInputStream(new java.io.ByteArrayInputStream(shared.toByteArray())));
    back.readPerson(
        new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())), 5, IDS);
    assertThat(back.lureType(5)).isEqualTo(FraudType.POLICE.ordinal() + 1);
    back.expirePerson(5, true, 0, 0);
    assertThat(back.holdsPerson(5)).as("as the sweep saw it, before the pass").isTrue();
    back.expirePerson(5, false, 0, 0);
    assertThat(back.holdsPerson(5)).as("as the last pass left it").isFalse();
    assertThat(back.lureType(5)).isZero();
  }

  @Test
  void aWatchOfAVersion4SnapshotIsReadAndItsEpisodesGetTheirIds() throws java.io.IOException {
    // version 4 (the engine snapshot before episodes had ids): key, fraud phone, start, last,
    // stage, severity, type,
    // account?, evidence; then the remembered calls
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
    out.writeInt(1);
    out.writeInt(9);
    out.writeInt(60);
    out.writeLong(T0);
    out.writeLong(T0);
    out.writeInt(VictimWatch.CONTACT);
    out.writeInt(Level.MEDIUM.ordinal());
    out.writeInt(FraudType.POLICE.ordinal() + 1);
    out.writeBoolean(false);
    out.writeInt(1);
    org.fanzha.engine.features.Snapshots.writeString(out, "c9");
    out.writeInt(0);
    out.flush();
    VictimWatch r = new VictimWatch(24 * HOUR, PHONES);
    r.read(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())), 4);
    assertThat(
            r.step(
                9,
                "+8613800000009",
                null,
                VictimWatch.PAID,
                Level.CRITICAL,
                -1,
                0,
                T0 + HOUR,
                "t9"))
        .isTrue();
    assertThat(r.drain())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.episode()).isEqualTo("E-c9");
              assertThat(w.fraudType()).isEqualTo(FraudType.POLICE);
              assertThat(w.evidence()).containsExactly("c9", "t9");
            });
  }
}

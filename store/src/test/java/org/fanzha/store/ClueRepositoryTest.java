package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.fanzha.store.TestDatabases.Target;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Clues on H2 and PostgreSQL: one per institution and key; a push delivered or failed only while
 * one is due; an acknowledgement and an answer each once, in order; late clues found and moved up
 * once per level; statistics.
 */
class ClueRepositoryTest {
  @TempDir Path tmp;

  static Clue clue(String id, String institution, String key, long created, Long firstPush) {
    return Clue.fresh(
        id,
        institution,
        key,
        "manual",
        "analyst",
        "account",
        "6217000010001234569",
        "police",
        "high",
        "410402",
        "410402",
        "three victims paid it within an hour",
        List.of("t1", "t2"),
        created,
        created + 1_800_000,
        created + 86_400_000,
        firstPush);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void aLeadIsStoredOncePerInstitution_andPushedUntilDelivered(Target target) {
    try (TestDatabases.TestDb t = TestDatabases.open(target, tmp)) {
      ClueRepository r = t.db().clues();
      assertThat(r.insert(clue("C1", "I-bank", "manual:k1", 1_000, 1_000L))).isTrue();
      assertThat(r.insert(clue("C2", "I-bank", "manual:k1", 1_000, 1_000L)))
          .as("same institution, same key")
          .isFalse();
      assertThat(r.insert(clue("C3", "I-police", "manual:k1", 1_000, null)))
          .as("another institution")
          .isTrue();
      assertThat(r.known("manual:k1")).isTrue();
      assertThat(r.known("manual:k2")).isFalse();

      assertThat(r.duePushes(999, 10)).isEmpty();
      assertThat(r.duePushes(1_000, 10))
          .extracting(Clue::id)
          .containsExactly("C1"); // C3 is pulled, never pushed
      r.failed("C1", 11_000, "HTTP 503");
      assertThat(r.duePushes(5_000, 10)).isEmpty();
      assertThat(r.find("C1"))
          .hasValueSatisfying(
              c -> {
                assertThat(c.attempts()).isEqualTo(1);
                assertThat(c.lastError()).isEqualTo("HTTP 503");
                assertThat(c.status()).isEqualTo(Clue.NEW);
              });
      assertThat(r.delivered("C1", 11_500)).isTrue();
      assertThat(r.delivered("C1", 12_000)).as("delivered before").isFalse();
      assertThat(r.find("C1"))
          .hasValueSatisfying(
              c -> {
                assertThat(c.status()).isEqualTo(Clue.DELIVERED);
                assertThat(c.attempts()).isEqualTo(2);
                assertThat(c.deliveredAtMs()).isEqualTo(11_500L);
                assertThat(c.nextAttemptMs()).isNull();
                assertThat(c.lastError()).isNull();
                assertThat(c.evidence()).containsExactly("t1", "t2");
              });
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void acknowledgedThenAnsweredOnce_aPulledClueStopsBeingPushed(Target target) {
    try (TestDatabases.TestDb t = TestDatabases.open(target, tmp)) {
      ClueRepository r = t.db().clues();
      r.insert(clue("C1", "I-bank", "k1", 1_000, 1_000L));
      assertThat(r.acknowledge("C1", "key:abc", 2_000)).isTrue();
      assertThat(r.acknowledge("C1", "key:abc", 3_000)).isFalse();
      assertThat(r.delivered("C1", 2_500))
          .as("the push's answer recorded after the acknowledgement")
          .isTrue();
      assertThat(r.find("C1").orElseThrow().status()).isEqualTo(Clue.ACKNOWLEDGED);
      assertThat(r.duePushes(10_000, 10)).as("acknowledged: taken by pulling").isEmpty();
      r.failed("C1", 20_000, "late answer of an old push");
      assertThat(r.find("C1").orElseThrow().nextAttemptMs())
          .as("a late failure does not revive pushing")
          .isNull();
      assertThat(r.answer("C1", "account_frozen", "frozen 48 h", "key:abc", 4_000)).isTrue();
      assertThat(r.answer("C1", "not_found", null, "key:abc", 5_000)).isFalse();
      Clue c = r.find("C1").orElseThrow();
      assertThat(c.status()).isEqualTo(Clue.CLOSED);
      assertThat(c.feedbackCode()).isEqualTo("account_frozen");
      assertThat(c.ackedAtMs()).isEqualTo(2_000L);
      assertThat(c.feedbackAtMs()).isEqualTo(4_000L);

      r.insert(clue("C2", "I-bank", "k2", 1_000, null));
      assertThat(r.answer("C2", "not_found", null, "analyst", 6_000))
          .as("answered without an acknowledgement")
          .isTrue();
      assertThat(r.find("C2").orElseThrow().ackedAtMs()).isEqualTo(6_000L);
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void lateCluesAreFoundAndMovedUpOncePerLevel_statisticsCountEachReceiver(Target target) {
    try (TestDatabases.TestDb t = TestDatabases.open(target, tmp)) {
      ClueRepository r = t.db().clues();
      r.insert(clue("C1", "I-bank", "k1", 0, null)); // ack due 1,800,000; answer due 86,400,000
      r.insert(clue("C2", "I-bank", "k2", 0, null));
      r.acknowledge("C2", "bank", 1_000);
      r.insert(clue("C3", "I-police", "k3", 0, null));
      r.answer("C3", "case_opened", null, "police", 1_000);

      assertThat(r.late(1_800_000, 3, 0, 10)).isEmpty();
      assertThat(r.late(1_800_001, 3, 0, 10)).extracting(Clue::id).containsExactly("C1");
      assertThat(r.late(86_400_001, 3, 0, 10))
          .extracting(Clue::id)
          .containsExactlyInAnyOrder("C1", "C2");
      assertThat(r.escalate("C1", 0, "410400", 2_000_000)).isTrue();
      assertThat(r.escalate("C1", 0, "410000", 2_000_000)).as("moved meanwhile").isFalse();
      assertThat(r.late(2_000_001, 3, 1_999_999, 10)).as("not again so soon").isEmpty();
      assertThat(r.late(2_000_001, 3, 2_000_000, 10)).extracting(Clue::id).containsExactly("C1");
      assertThat(r.late(2_000_001, 1, 2_000_000, 10)).as("at the highest level asked").isEmpty();
      assertThat(r.find("C1").orElseThrow().unit()).isEqualTo("410400");
      assertThat(r.list(null, true, List.of("4104"), 10))
          .extracting(Clue::id)
          .containsExactlyInAnyOrder("C1", "C2");
      assertThat(r.list(null, false, List.of("3301"), 10)).isEmpty();
      assertThat(r.list("I-police", false, List.of(), 10))
          .extracting(Clue::id)
          .containsExactly("C3");

      ClueRepository.Stats bank = r.stats(1_800_001).get("I-bank");
      assertThat(bank.sent()).isEqualTo(2);
      assertThat(bank.acknowledged()).isEqualTo(1);
      assertThat(bank.answered()).isZero();
      assertThat(bank.late()).isEqualTo(1);
      assertThat(bank.meanMinutesToAck())
          .isCloseTo(1_000 / 60_000.0, org.assertj.core.data.Offset.offset(1e-9));
      ClueRepository.Stats police = r.stats(1_800_001).get("I-police");
      assertThat(police.answers()).containsEntry("case_opened", 1L);
      assertThat(police.late()).isZero();
    }
  }
}

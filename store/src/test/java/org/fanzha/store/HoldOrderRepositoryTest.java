package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.store.TestDatabases.Target;
import org.fanzha.store.TestDatabases.TestDb;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HoldOrderRepositoryTest {

  static final long T0 = 1_795_000_000_000L;
  static final long H48 = 48L * 3600 * 1000;

  @TempDir Path tmp;

  static HoldRecord requested(String id, String account, long at) {
    return new HoldRecord(
        id,
        "stop",
        account,
        4_900_000,
        "case-7",
        "requested",
        H48,
        null,
        0,
        List.of(new HoldRecord.Step(null, "requested", at, "officer-1", "trace of t1", null)));
  }

  static HoldRecord then(
      HoldRecord r, String to, long at, String actor, String note, Long expires, int renewals) {
    List<HoldRecord.Step> h = new ArrayList<>(r.history());
    h.add(new HoldRecord.Step(r.state(), to, at, actor, note, expires));
    return new HoldRecord(
        r.id(),
        r.kind(),
        r.account(),
        r.amountFen(),
        r.caseRef(),
        to,
        r.termMillis(),
        expires,
        renewals,
        h);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void find_afterInsertAndUpdates_returnsTheWholeHistoryInOrder(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      HoldOrderRepository repo = t.db().holds();
      HoldRecord r = requested("STOP-1", "6217000010001234569", T0);
      repo.insert(r);
      HoldRecord confirmed =
          then(r, "confirmed", T0 + 60_000, "bank-icbc", "ref 991", T0 + 60_000 + H48, 0);
      assertThat(repo.update(confirmed, 1)).isTrue();
      HoldRecord renewed =
          then(confirmed, "renewed", T0 + H48, "officer-1", null, T0 + 60_000 + 2 * H48, 1);
      assertThat(repo.update(renewed, 2)).isTrue();

      HoldRecord back = repo.find("STOP-1").orElseThrow();

      assertThat(back).isEqualTo(renewed);
      assertThat(back.history())
          .extracting(HoldRecord.Step::to)
          .containsExactly("requested", "confirmed", "renewed");
      assertThat(back.history().get(0).from()).isNull();
      assertThat(back.history().get(0).expiresAtMillis()).isNull();
      assertThat(back.history().get(2).note()).isNull();
      assertThat(back.expiresAtMillis()).isEqualTo(T0 + 60_000 + 2 * H48);
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void update_staleVersion_writesNothingAndReturnsFalse(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      HoldOrderRepository repo = t.db().holds();
      HoldRecord r = requested("STOP-2", "6217000010001234569", T0);
      repo.insert(r);
      HoldRecord confirmed = then(r, "confirmed", T0 + 1000, "bank-a", null, T0 + 1000 + H48, 0);
      HoldRecord rejected = then(r, "rejected", T0 + 2000, "bank-b", "account closed", null, 0);
      assertThat(repo.update(confirmed, 1)).isTrue();

      // decided on the requested state, which is gone
      assertThat(repo.update(rejected, 1)).isFalse();

      HoldRecord back = repo.find("STOP-2").orElseThrow();
      assertThat(back.state()).isEqualTo("confirmed");
      assertThat(back.history()).hasSize(2);
      assertThat(repo.update(then(confirmed, "renewed", T0 + 3000, "x", null, T0, 1), 1)).isFalse();
      assertThat(
              repo.update(then(requested("NOPE", "1", T0), "confirmed", T0, "x", null, T0, 0), 1))
          .isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void insert_takenId_throwsAndKeepsTheFirst(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      HoldOrderRepository repo = t.db().holds();
      repo.insert(requested("STOP-3", "6217000010001234569", T0));

      assertThatThrownBy(() -> repo.insert(requested("STOP-3", "6222020200112233446", T0 + 5)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("STOP-3");
      assertThat(repo.find("STOP-3").orElseThrow().account()).isEqualTo("6217000010001234569");
      assertThat(repo.count()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void forAccount_severalOrders_newestFirstOnlyThatAccount(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      HoldOrderRepository repo = t.db().holds();
      repo.insert(requested("A-1", "111", T0));
      repo.insert(requested("B-1", "222", T0 + 10));
      repo.insert(requested("A-2", "111", T0 + 20));

      assertThat(repo.forAccount("111")).extracting(HoldRecord::id).containsExactly("A-2", "A-1");
      assertThat(repo.forAccount("333")).isEmpty();
      assertThat(repo.recent(2)).extracting(HoldRecord::id).containsExactly("A-2", "B-1");
      assertThat(repo.find("missing")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void find_afterReopen_historySurvivesARestart(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      HoldRecord r = requested("STOP-4", "6217000010001234569", T0);
      t.db().holds().insert(r);
      HoldRecord c = then(r, "confirmed", T0 + 1, "bank", "ref", T0 + 1 + H48, 0);
      t.db().holds().update(c, 1);
      t.db().close();
      try (Database again = TestDatabases.reopen(t.db(), tmp)) {
        assertThat(again.holds().find("STOP-4")).contains(c);
      }
    }
  }
}

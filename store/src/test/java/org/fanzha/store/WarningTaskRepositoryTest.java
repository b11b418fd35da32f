package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.fanzha.store.TestDatabases.Target;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Warning tasks on H2 and PostgreSQL: a warning counted once, a change over a stale version
 * refused, the queries.
 */
class WarningTaskRepositoryTest {
  @TempDir Path tmp;

  static WarningTask task(String id, String unit, int version, String status, long due) {
    return new WarningTask(
        id,
        1_000,
        2_000,
        "+8613800138000",
        null,
        "+8617012345678",
        unit,
        "high",
        "police",
        List.of("c1", "d1"),
        unit,
        "call_96110",
        due,
        status,
        null,
        0,
        null,
        null,
        null,
        version,
        10);
  }

  static WarningTask.Step step(int n, String ref) {
    return new WarningTask.Step(n, 100 + n, "raised", "high · police", "engine", ref);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void aWarningIsCountedOnceAndAStaleChangeIsRefused(Target target) {
    try (TestDatabases.TestDb t = TestDatabases.open(target, tmp)) {
      WarningTaskRepository r = t.db().warnings();
      assertThat(r.insert(task("E-c1", "410402", 1, "open", 5_000), step(1, "W-c1"))).isTrue();
      assertThat(r.seen("W-c1")).isTrue();
      assertThat(r.insert(task("E-c1", "410402", 1, "open", 5_000), step(1, "W-c2")))
          .as("the id is taken")
          .isFalse();
      assertThat(r.update(task("E-c1", "410402", 2, "open", 5_000), 1, step(2, "W-c1")))
          .as("the same warning again")
          .isFalse();
      assertThat(r.update(task("E-c1", "410400", 2, "open", 4_000), 1, step(2, "W-d1"))).isTrue();
      assertThat(r.update(task("E-c1", "410000", 2, "open", 4_000), 1, step(2, null)))
          .as("over a stale version")
          .isFalse();
      assertThat(r.find("E-c1"))
          .hasValueSatisfying(
              x -> {
                assertThat(x.unit()).isEqualTo("410400");
                assertThat(x.version()).isEqualTo(2);
                assertThat(x.evidence()).containsExactly("c1", "d1");
              });
      assertThat(r.steps("E-c1")).extracting(WarningTask.Step::ref).containsExactly("W-c1", "W-d1");
      assertThat(r.seen("W-c2")).as("nothing of a refused write is kept").isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void queriesByStatusUnitDueTimeAndPerson(Target target) {
    try (TestDatabases.TestDb t = TestDatabases.open(target, tmp)) {
      WarningTaskRepository r = t.db().warnings();
      r.insert(task("E-a", "410402", 1, "open", 1_000), step(1, "W-a"));
      r.insert(task("E-b", "330106", 1, "open", 9_000), step(1, "W-b"));
      r.insert(task("E-c", "410300", 1, "closed", 1_000), step(1, "W-c"));
      assertThat(r.list("open", List.of("41"), 10))
          .extracting(WarningTask::id)
          .containsExactly("E-a");
      assertThat(r.list(null, List.of("41", "33"), 10)).hasSize(3);
      assertThat(r.list(null, List.of(), 10)).hasSize(3);
      assertThat(r.overdue(5_000, 10)).extracting(WarningTask::id).containsExactly("E-a");
      assertThat(r.openFor("+8613800138000", null)).isPresent();
      assertThat(r.openFor("+8613900000000", "6222020200112233446")).isEmpty();
      assertThat(r.count(WarningTaskRepository.Grouping.OUTCOME, List.of()))
          .containsEntry("open", 2L)
          .containsEntry("closed", 1L);
      assertThat(r.count(WarningTaskRepository.Grouping.UNIT, List.of("41")))
          .containsOnlyKeys("410402", "410300");
      assertThat(r.count(WarningTaskRepository.Grouping.DAY, List.of()))
          .as("raised at 1970-01-01T00:00:01+08:00")
          .containsExactly(java.util.Map.entry("0", 3L));
      assertThat(r.protectedFen(List.of())).isZero();
    }
  }

  /**
   * The look-up skips payers no open task has named; that must not hide a task open before the
   * repository first asked, one written since, or an account a task came to name later.
   */
  @ParameterizedTest
  @EnumSource(Target.class)
  void openTaskFoundWhetherOpenedBeforeOrAfterTheFirstLookUp(Target target) {
    try (TestDatabases.TestDb t = TestDatabases.open(target, tmp)) {
      String account = "6222020200112233446";
      t.db().warnings().insert(task("E-before", "410402", 1, "open", 1_000), step(1, "W-before"));
      t.db().close();
      Database again = TestDatabases.reopen(t.db(), tmp);
      try {
        WarningTaskRepository r = again.warnings();
        assertThat(r.openFor("+8613800138000", null))
            .as("open before this repository's first look-up")
            .hasValueSatisfying(x -> assertThat(x.id()).isEqualTo("E-before"));
        assertThat(r.openFor(null, account)).isEmpty();

        WarningTask named = withAccount(task("E-before", "410402", 2, "open", 1_000), account);
        assertThat(r.update(named, 1, step(2, "W-later"))).isTrue();
        assertThat(r.openFor(null, account))
            .as("an account the task names since")
            .hasValueSatisfying(x -> assertThat(x.id()).isEqualTo("E-before"));

        WarningTask closed = withAccount(task("E-before", "410402", 3, "closed", 1_000), account);
        assertThat(r.update(closed, 2, step(3, null))).isTrue();
        assertThat(r.openFor("+8613800138000", account)).as("closed").isEmpty();

        WarningTask other =
            withAccount(task("E-after", "410402", 1, "open", 1_000), "6217000010001234569");
        assertThat(r.insert(other, step(1, "W-after"))).isTrue();
        assertThat(r.openFor(null, "6217000010001234569"))
            .as("written after the first look-up")
            .hasValueSatisfying(x -> assertThat(x.id()).isEqualTo("E-after"));
      } finally {
        again.close();
      }
    }
  }

  private static WarningTask withAccount(WarningTask t, String account) {
    return new WarningTask(
        t.id(),
        t.raisedTsMs(),
        t.lastTsMs(),
        t.victimPhone(),
        account,
        t.contact(),
        t.region(),
        t.severity(),
        t.fraudType(),
        t.evidence(),
        t.unit(),
        t.channel(),
        t.dueAtMs(),
        t.status(),
        t.outcome(),
        t.amountProtectedFen(),
        t.note(),
        t.closedBy(),
        t.closedAtMs(),
        t.version(),
        t.createdAtMs());
  }

  /** A payer no open task names costs no database round trip once the open tasks are known. */
  @ParameterizedTest
  @EnumSource(Target.class)
  void aPayerNoOpenTaskNamesIsAnsweredWithoutTheDatabase(Target target) {
    try (TestDatabases.TestDb t = TestDatabases.open(target, tmp)) {
      t.db().warnings().insert(task("E-a", "410402", 1, "open", 1_000), step(1, "W-a"));
      java.util.concurrent.atomic.AtomicInteger connections =
          new java.util.concurrent.atomic.AtomicInteger();
      javax.sql.DataSource real = t.db().dataSource();
      javax.sql.DataSource counted =
          (javax.sql.DataSource)
              java.lang.reflect.Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {javax.sql.DataSource.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                      connections.incrementAndGet();
                    }
                    try {
                      return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
      WarningTaskRepository r = new WarningTaskRepository(counted);
      assertThat(r.openFor("+8613800138000", null)).isPresent();
      int afterFirst = connections.get();

      for (int i = 0; i < 100; i++) {
        assertThat(r.openFor("+86139000000" + (10 + i), "62220202001122" + (10_000 + i))).isEmpty();
      }
      assertThat(connections.get())
          .as("connections for 100 payers no task names")
          .isEqualTo(afterFirst);
    }
  }
}

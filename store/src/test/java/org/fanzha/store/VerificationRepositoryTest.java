package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.fanzha.core.event.EntityKind;
import org.fanzha.store.TestDatabases.Target;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Re-verification tasks on H2 and PostgreSQL: one active task an entity, a stale change refused,
 * the queries.
 */
class VerificationRepositoryTest {
  @TempDir Path tmp;

  static VerificationTask task(String id, String kind, String entity, long opened) {
    return new VerificationTask(
        id,
        kind,
        entity,
        "330106",
        "PH_REPORTED Reported",
        "sms_link",
        VerificationTask.OPEN,
        opened,
        opened + 1_000,
        null,
        null,
        1);
  }

  static VerificationTask.Step step(int n, String kind) {
    return new VerificationTask.Step(n, 100 + n, kind, kind + " detail", "system");
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void openAll_opensEachEntityOnce_leavingOutThoseAskedAlready(Target target) {
    try (TestDatabases.TestDb t = TestDatabases.open(target, tmp)) {
      VerificationRepository r = t.db().verifications();
      assertThat(r.open(task("V-0", "account", "acct-b", 5), step(1, "opened"))).isTrue();

      List<VerificationTask> opened =
          r.openAll(
              List.of(
                  new VerificationRepository.Opening(
                      task("V-1", "account", "acct-a", 10), step(1, "opened")),
                  new VerificationRepository.Opening(
                      task("V-2", "account", "acct-b", 10), step(1, "opened")),
                  new VerificationRepository.Opening(
                      task("V-3", "phone", "acct-b", 10), step(1, "opened")),
                  new VerificationRepository.Opening(
                      task("V-4", "account", "acct-a", 11), step(1, "opened"))),
              t.db().audit(),
              VerificationRepositoryTest::opened);

      assertThat(opened).extracting(VerificationTask::id).containsExactly("V-1", "V-3");
      assertThat(r.find("V-2")).as("its entity was asked already").isEmpty();
      assertThat(r.find("V-4")).as("the same entity earlier in the batch").isEmpty();
      assertThat(r.steps("V-3")).extracting(VerificationTask.Step::kind).containsExactly("opened");
      assertThat(r.latest("account", "acct-a"))
          .hasValueSatisfying(v -> assertThat(v.id()).isEqualTo("V-1"));
      assertThat(t.db().audit().recent(10))
          .extracting(AuditEntry::entity)
          .as("an act for each task opened, none for those left out")
          .containsExactly("acct-b", "acct-a");
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void openAll_withTheAudit_writesTasksAndTheirActsTogether_evenWhenTheCommitFailsAfterLanding(
      Target target) {
    try (TestDatabases.TestDb t = TestDatabases.open(target, tmp)) {
      AtomicBoolean failNextCommit = new AtomicBoolean();
      DataSource ds =
          InterceptedConnections.landingThenFailing(t.db().dataSource(), failNextCommit);
      VerificationRepository r = new VerificationRepository(ds);
      AuditLog audit = new AuditLog(ds);
      List<VerificationRepository.Opening> openings =
          List.of(
              new VerificationRepository.Opening(
                  task("V-1", "account", "acct-a", 10), step(1, "opened")),
              new VerificationRepository.Opening(
                  task("V-2", "phone", "+8617000000001", 10), step(1, "opened")));

      failNextCommit.set(true);
      assertThatThrownBy(() -> r.openAll(openings, audit, VerificationRepositoryTest::opened))
          .isInstanceOf(StoreException.class);

      assertThat(r.find("V-1")).as("the commit landed").isPresent();
      assertThat(audit.recent(10))
          .extracting(AuditEntry::entity)
          .as("and the tasks' acts with it")
          .containsExactly("+8617000000001", "acct-a");
      assertThat(r.openAll(openings, audit, VerificationRepositoryTest::opened))
          .as("sent again: both asked already")
          .isEmpty();
      assertThat(audit.recent(10)).as("nothing recorded twice").hasSize(2);
      assertThat(audit.verify()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void openAll_withAnAuditWriteThatFails_opensNothing(Target target) {
    try (TestDatabases.TestDb t = TestDatabases.open(target, tmp)) {
      DataSource auditFails =
          InterceptedConnections.of(
              t.db().dataSource(),
              (c, method, args) -> {
                if (method.getName().equals("prepareStatement")
                    && String.valueOf(args[0]).startsWith("INSERT INTO lookup_audit")) {
                  throw new SQLException("injected: the audit refuses the rows");
                }
                return InterceptedConnections.invoke(c, method, args);
              });
      VerificationRepository r = new VerificationRepository(auditFails);
      List<VerificationRepository.Opening> openings =
          List.of(
              new VerificationRepository.Opening(
                  task("V-1", "account", "acct-a", 10), step(1, "opened")));

      assertThatThrownBy(
              () ->
                  r.openAll(openings, new AuditLog(auditFails), VerificationRepositoryTest::opened))
          .isInstanceOf(StoreException.class);

      assertThat(t.db().verifications().find("V-1")).as("rolled back with its audit").isEmpty();
      assertThat(t.db().audit().recent(10)).isEmpty();
    }
  }

  private static AuditLog.Act opened(VerificationTask v) {
    return new AuditLog.Act(
        "system",
        "",
        "verification.opened",
        v.entityKind().equals("phone") ? EntityKind.PHONE : EntityKind.ACCOUNT,
        v.entity(),
        true);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void oneActiveTaskAnEntity_andAChangeOnlyOverTheVersionItWasDecidedOn(Target target) {
    try (TestDatabases.TestDb t = TestDatabases.open(target, tmp)) {
      VerificationRepository r = t.db().verifications();
      VerificationTask first = task("V-1", "phone", "+8617000000001", 10);
      assertThat(r.open(first, step(1, "opened"))).isTrue();
      assertThat(r.open(task("V-2", "phone", "+8617000000001", 20), step(1, "opened")))
          .as("active already")
          .isFalse();
      assertThat(r.open(task("V-3", "account", "+8617000000001", 20), step(1, "opened")))
          .as("another kind")
          .isTrue();

      VerificationTask restricted = first.moved(VerificationTask.RESTRICTED, 5_000, null, null);
      assertThat(r.update(restricted, 1, step(2, "restricted"))).isTrue();
      assertThat(
              r.update(
                  first.moved(VerificationTask.VERIFIED, 0, 3_000L, "op"), 1, step(2, "verified")))
          .as("over a stale version")
          .isFalse();
      assertThat(r.find("V-1"))
          .hasValueSatisfying(
              x -> {
                assertThat(x.state()).isEqualTo(VerificationTask.RESTRICTED);
                assertThat(x.dueAtMs()).isEqualTo(5_000);
                assertThat(x.version()).isEqualTo(2);
              });
      assertThat(r.steps("V-1"))
          .extracting(VerificationTask.Step::kind)
          .containsExactly("opened", "restricted");
      assertThat(r.limiting()).extracting(VerificationTask::id).containsExactly("V-1");

      VerificationTask verified =
          restricted.moved(VerificationTask.VERIFIED, restricted.dueAtMs(), 6_000L, "op");
      assertThat(r.update(verified, 2, step(3, "verified"))).isTrue();
      assertThat(r.limiting()).isEmpty();
      assertThat(r.open(task("V-4", "phone", "+8617000000001", 30), step(1, "opened")))
          .as("a verified task leaves room for a new one")
          .isTrue();
      assertThat(r.latest("phone", "+8617000000001")).map(VerificationTask::id).hasValue("V-4");
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void overdueAndListsByStateAndKind(Target target) {
    try (TestDatabases.TestDb t = TestDatabases.open(target, tmp)) {
      VerificationRepository r = t.db().verifications();
      r.open(task("V-a", "phone", "+8617000000001", 10), step(1, "opened")); // due 1,010
      r.open(task("V-b", "phone", "+8617000000002", 500), step(1, "opened")); // due 1,500
      r.open(task("V-c", "account", "6222020200112233446", 900), step(1, "opened")); // due 1,900
      assertThat(r.overdue(1_600, 10))
          .extracting(VerificationTask::id)
          .containsExactly("V-a", "V-b");
      assertThat(r.overdue(1_600, 1)).extracting(VerificationTask::id).containsExactly("V-a");
      assertThat(r.list(null, List.of("phone"), 10))
          .extracting(VerificationTask::id)
          .containsExactly("V-b", "V-a");
      assertThat(r.list(VerificationTask.OPEN, List.of("account", "phone"), 10)).hasSize(3);
      assertThat(r.list(VerificationTask.SUSPENDED, List.of("phone"), 10)).isEmpty();
      VerificationTask a = r.find("V-a").orElseThrow();
      r.update(
          a.moved(VerificationTask.VERIFIED, a.dueAtMs(), 2_000L, "op"), 1, step(2, "verified"));
      assertThat(r.list(VerificationRepository.ACTIVE, List.of("phone", "account"), 10))
          .extracting(VerificationTask::id)
          .containsExactly("V-c", "V-b");
    }
  }
}

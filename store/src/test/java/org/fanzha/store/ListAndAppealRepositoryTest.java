package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.event.ListName;
import org.fanzha.core.event.Role;
import org.fanzha.store.TestDatabases.Target;
import org.fanzha.store.TestDatabases.TestDb;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ListAndAppealRepositoryTest {

  @TempDir Path tmp;

  private static ListEntry entry(
      String id, ListName list, String value, long created, Long expires) {
    return new ListEntry(
        id,
        list,
        ListKind.ACCOUNT,
        value,
        Role.MULE,
        FraudType.CUSTOMER_SERVICE,
        "收款后快进快出",
        "institution",
        "T-1,T-2",
        null,
        null,
        "ana",
        created,
        expires,
        null,
        null,
        null);
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void entries_inForceUntilLiftedOrExpired_liftedOnce_historyKept(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      ListEntryRepository r = t.db().lists();
      r.insert(entry("LE-1", ListName.BLACK, "6222020200112233445", 1_000, null));
      r.insertAll(
          List.of(
              entry("LE-2", ListName.GREY, "6222020200112233445", 2_000, 10_000L),
              entry("LE-3", ListName.BLACK, "6222020200999999999", 3_000, null)));

      assertThat(r.inForce(ListKind.ACCOUNT, "6222020200112233445", 5_000))
          .extracting(ListEntry::id)
          .containsExactly("LE-2", "LE-1");
      assertThat(r.inForce(ListKind.ACCOUNT, "6222020200112233445", 10_000))
          .extracting(ListEntry::id)
          .containsExactly("LE-1");
      assertThat(r.expired(10_000, 10)).extracting(ListEntry::id).containsExactly("LE-2");
      assertThat(r.find("LE-1").orElseThrow().fraudType()).isEqualTo(FraudType.CUSTOMER_SERVICE);

      assertThat(r.lift("LE-1", "rev", "appeal upheld", 6_000)).isTrue();
      assertThat(r.lift("LE-1", "sweep", "again", 7_000)).as("a lift is written once").isFalse();
      ListEntry lifted = r.find("LE-1").orElseThrow();
      assertThat(lifted.liftedBy()).isEqualTo("rev");
      assertThat(lifted.inForce(6_001)).isFalse();
      assertThat(r.history(ListKind.ACCOUNT, "6222020200112233445")).hasSize(2);
      assertThat(r.recent(ListName.BLACK, true, 8_000, 10))
          .extracting(ListEntry::id)
          .containsExactly("LE-3");
      assertThat(r.recent(null, false, 8_000, 10)).hasSize(3);

      List<String> black = new ArrayList<>();
      r.forEachInForce(ListName.BLACK, 8_000, e -> black.add(e.id()));
      assertThat(black).containsExactly("LE-3");
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void appeals_foundByTokenHash_decidedOnce_filesKept(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      AppealRepository r = t.db().appeals();
      Appeal a =
          new Appeal(
              "AP-1",
              ListKind.PHONE,
              "+8613800138000",
              "这是我本人正常使用的号码",
              "138****8000",
              "open",
              List.of("LE-7", "LE-8"),
              1_000,
              50_000,
              null,
              null,
              null);
      byte[] pdf = "%PDF-1.4 …".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      r.insert(a, "a".repeat(64), List.of(new Appeal.File("证明.pdf", "application/pdf", pdf)));

      assertThat(r.findByTokenHash("a".repeat(64)).orElseThrow().entries())
          .containsExactly("LE-7", "LE-8");
      assertThat(r.findByTokenHash("b".repeat(64))).isEmpty();
      assertThat(r.withStatus("open", 10)).extracting(Appeal::id).containsExactly("AP-1");
      assertThat(r.files("AP-1"))
          .singleElement()
          .satisfies(
              f -> {
                assertThat(f.name()).isEqualTo("证明.pdf");
                assertThat(f.content()).isEqualTo(pdf);
              });

      assertThat(r.decide("AP-1", "upheld", "rev", "本人核实", 2_000)).isTrue();
      assertThat(r.decide("AP-1", "rejected", "rev2", "late", 3_000)).isFalse();
      Appeal d = r.find("AP-1").orElseThrow();
      assertThat(d.status()).isEqualTo("upheld");
      assertThat(d.decidedBy()).isEqualTo("rev");
      assertThat(r.withStatus("open", 10)).isEmpty();
    }
  }
}

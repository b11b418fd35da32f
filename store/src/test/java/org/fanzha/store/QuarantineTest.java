package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.fanzha.store.TestDatabases.Target;
import org.fanzha.store.TestDatabases.TestDb;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class QuarantineTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(Target.class)
  void record_refusedEvents_keepsThemWithFieldReasonAndCounts(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      Quarantine q = t.db().quarantine();
      q.record(
          "api:/api/v1/events",
          List.of(
              new QuarantinedEvent(
                  2,
                  "t9",
                  "amount",
                  "must be greater than zero",
                  "{\"type\":\"transfer\",\"id\":\"t9\"}"),
              new QuarantinedEvent(
                  5, null, "(json)", "malformed JSON: Unexpected end-of-input", "{\"type\":")));
      q.record(
          "file:events.ndjson",
          List.of(new QuarantinedEvent(7, "c3", "amount", "is required", null)));

      assertThat(q.count()).isEqualTo(3);
      assertThat(q.countsByField())
          .containsExactly(java.util.Map.entry("amount", 2L), java.util.Map.entry("(json)", 1L));
      List<QuarantineEntry> recent = q.recent(2);
      assertThat(recent)
          .extracting(QuarantineEntry::origin)
          .containsExactly("file:events.ndjson", "api:/api/v1/events");
      assertThat(recent.get(1).event())
          .isEqualTo(
              new QuarantinedEvent(
                  5, null, "(json)", "malformed JSON: Unexpected end-of-input", "{\"type\":"));
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void record_overlongText_isCutNotRefused(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      String longReason = "原因".repeat(800); // 1,600 chars, column holds 1,000
      t.db()
          .quarantine()
          .record(
              "api",
              List.of(
                  new QuarantinedEvent(1, "x".repeat(300), "f", longReason, "r".repeat(40_000))));

      QuarantinedEvent back = t.db().quarantine().recent(1).get(0).event();
      assertThat(back.reason()).hasSize(1000).endsWith("…").startsWith("原因原因");
      assertThat(back.eventId()).hasSize(128);
      assertThat(back.raw()).hasSize(16_384);
    }
  }

  @ParameterizedTest
  @EnumSource(Target.class)
  void record_textNoStoreCanKeep_isKeptWithReplacementCharacters(Target target) {
    try (TestDb t = TestDatabases.open(target, tmp)) {
      // What a hostile sender's refused event carries: raw NUL bytes, a lone surrogate, a control
      // character.
      t.db()
          .quarantine()
          .record(
              "api\u0000x",
              List.of(
                  new QuarantinedEvent(
                      1,
                      "id\u0000",
                      "type\uD800",
                      "unknown event type 'a\u0000b'",
                      "{\"type\":\"a\u0000b\u0007\uDC00\"}\n")));

      QuarantineEntry back = t.db().quarantine().recent(1).get(0);
      assertThat(back.origin()).isEqualTo("api\uFFFDx");
      assertThat(back.event())
          .isEqualTo(
              new QuarantinedEvent(
                  1,
                  "id\uFFFD",
                  "type\uFFFD",
                  "unknown event type 'a\uFFFDb'",
                  "{\"type\":\"a\uFFFDb\uFFFD\uFFFD\"}\n"));
    }
  }
}

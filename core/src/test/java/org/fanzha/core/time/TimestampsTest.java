package org.fanzha.core.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  @Test
  void parseIso_offsetAndZulu() {
    long expected = OffsetDateTime.parse("2026-11-27T09:15:02+08:00").toInstant().toEpochMilli();
    assertThat(Timestamps.parseIso("2026-11-27T09:15:02+08:00")).isEqualTo(expected);
    assertThat(Timestamps.parseIso("2026-11-27T01:15:02Z")).isEqualTo(expected);
    assertThat(Timestamps.parseIso("2026-11-27T01:15:02.250Z")).isEqualTo(expected + 250);
  }

  @Test
  void parseIso_rejectsLocalTimeWithoutOffset() {
    assertThatThrownBy(() -> Timestamps.parseIso("2026-11-27T09:15:02"))
        .hasMessageContaining("offset");
    assertThatThrownBy(() -> Timestamps.parseIso("2026-02-30T09:15:02+08:00"))
        .hasMessageContaining("ISO-8601");
  }

  @Test
  void checkEpochMillis_rejectsSeconds() {
    assertThatThrownBy(() -> Timestamps.checkEpochMillis(1_795_000_000L))
        .hasMessageContaining("seconds");
  }

  @Property
  void parseIso_agreesWithJavaTime(
      @ForAll @LongRange(min = 946_684_800_000L, max = 4_102_444_800_000L) long millis,
      @ForAll @IntRange(min = -12, max = 14) int offsetHours) {
    String iso =
        OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.ofHours(offsetHours))
            .toString();
    assertThat(Timestamps.parseIso(iso)).isEqualTo(millis);
  }

  @Property
  void format_agreesWithJavaTime(
      @ForAll @LongRange(min = 946_684_800_000L, max = 4_102_444_800_000L) long millis) {
    OffsetDateTime expected =
        OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.ofHours(8));
    assertThat(OffsetDateTime.parse(Timestamps.format(millis))).isEqualTo(expected);
    assertThat(Timestamps.format(millis)).hasSize(millis % 1000 == 0 ? 25 : 29);
  }

  @Property
  void format_roundTrips(
      @ForAll @LongRange(min = 946_684_800_000L, max = 4_102_444_800_000L) long millis) {
    assertThat(Timestamps.parseIso(Timestamps.format(millis))).isEqualTo(millis);
    assertThat(Timestamps.format(millis)).endsWith("+08:00");
  }
}

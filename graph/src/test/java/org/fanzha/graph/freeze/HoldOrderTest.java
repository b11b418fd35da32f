package org.fanzha.graph.freeze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fanzha.core.time.Millis.HOUR;

import java.time.Duration;
import org.fanzha.core.time.Timestamps;
import org.junit.jupiter.api.Test;

class HoldOrderTest {

  static final long T0 = Timestamps.parseIso("2026-11-27T10:00:00+08:00");
  static final String MULE = "6217000010001234567";

  static HoldOrder stopRequested() {
    return HoldOrder.request(
        "h1", HoldKind.STOP, MULE, 4_900_000, "case-7", null, T0, "police:0375-101", "止付 request");
  }

  @Test
  void confirm_stopRunsFortyEightHours() {
    HoldOrder o = stopRequested().confirm(T0 + HOUR, "bank:icbc", "ICBC-REF-1");

    assertThat(o.state()).isEqualTo(HoldState.CONFIRMED);
    assertThat(o.expiresAtMillis()).isEqualTo(T0 + 49 * HOUR);
    assertThat(o.inForceAt(T0 + 48 * HOUR)).isTrue();
    assertThat(o.inForceAt(T0 + 49 * HOUR)).isFalse();
    assertThat(o.history())
        .extracting(HoldTransition::to, HoldTransition::actor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(HoldState.REQUESTED, "police:0375-101"),
            org.assertj.core.groups.Tuple.tuple(HoldState.CONFIRMED, "bank:icbc"));
  }

  @Test
  void renew_stopOnceAddsFortyEightHoursThenRefuses() {
    HoldOrder once =
        stopRequested()
            .confirm(T0, "bank:icbc", null)
            .renew(T0 + 40 * HOUR, "police:1", null, "second stop");

    assertThat(once.state()).isEqualTo(HoldState.RENEWED);
    assertThat(once.expiresAtMillis()).isEqualTo(T0 + 96 * HOUR);
    assertThatThrownBy(() -> once.renew(T0 + 90 * HOUR, "police:1", null, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("renewed only 1 time")
        .hasMessageContaining("request a freeze");
  }

  @Test
  void renew_afterLapse_refused() {
    HoldOrder o = stopRequested().confirm(T0, "bank:icbc", null);
    assertThatThrownBy(() -> o.renew(T0 + 48 * HOUR, "police:1", null, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("lapsed at 2026-11-29T10:00");
  }

  @Test
  void expireIfDue_marksExpiredAtExpiryTime() {
    HoldOrder o = stopRequested().confirm(T0, "bank:icbc", null);

    assertThat(o.expireIfDue(T0 + 47 * HOUR)).isSameAs(o);
    HoldOrder e = o.expireIfDue(T0 + 50 * HOUR);
    assertThat(e.state()).isEqualTo(HoldState.EXPIRED);
    assertThat(e.history().get(2).atMillis()).isEqualTo(T0 + 48 * HOUR);
    assertThat(e.history().get(2).actor()).isEqualTo("system");
  }

  @Test
  void request_freezeLongerThanSixMonths_refused() {
    assertThatThrownBy(
            () ->
                HoldOrder.request(
                    "h2",
                    HoldKind.FREEZE,
                    MULE,
                    100,
                    "case-7",
                    Duration.ofDays(200),
                    T0,
                    "police:1",
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 6 months")
        .hasMessageContaining("2027-05-27T10:00");
  }

  @Test
  void renew_freezeRepeatedlyEachTermAtMostSixMonths() {
    HoldOrder f =
        HoldOrder.request(
                "h3",
                HoldKind.FREEZE,
                MULE,
                100,
                "case-7",
                Duration.ofDays(180),
                T0,
                "police:1",
                null)
            .confirm(T0, "bank:icbc", null);
    HoldOrder r1 =
        f.renew(T0 + Duration.ofDays(170).toMillis(), "police:1", Duration.ofDays(180), "续冻");
    HoldOrder r2 =
        r1.renew(T0 + Duration.ofDays(350).toMillis(), "police:1", Duration.ofDays(180), "续冻");

    assertThat(r2.renewals()).isEqualTo(2);
    assertThat(r2.expiresAtMillis()).isEqualTo(T0 + Duration.ofDays(540).toMillis());
    assertThatThrownBy(
            () ->
                r2.renew(
                    T0 + Duration.ofDays(500).toMillis(), "police:1", Duration.ofDays(190), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 6 months");
  }

  @Test
  void confirm_twice_refusedWithState() {
    HoldOrder o = stopRequested().confirm(T0, "bank:icbc", null);
    assertThatThrownBy(() -> o.confirm(T0 + 1, "bank:icbc", null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "cannot confirm stop h1 in state confirmed: only a requested order can be confirmed");
  }

  @Test
  void release_thenAnything_refused() {
    HoldOrder r =
        stopRequested()
            .confirm(T0, "bank:icbc", null)
            .release(T0 + HOUR, "police:1", "appeal cleared");

    assertThat(r.state()).isEqualTo(HoldState.RELEASED);
    assertThat(r.inForceAt(T0 + 2 * HOUR)).isFalse();
    assertThatThrownBy(() -> r.renew(T0 + 2 * HOUR, "police:1", null, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("in state released");
  }

  @Test
  void reject_onlyFromRequested() {
    HoldOrder rej = stopRequested().reject(T0 + 1, "bank:icbc", "account closed");
    assertThat(rej.state()).isEqualTo(HoldState.REJECTED);
    assertThat(rej.history().get(1).note()).isEqualTo("account closed");
    assertThatThrownBy(() -> rej.release(T0 + 2, "police:1", "x"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void confirm_beforeRequest_refused() {
    assertThatThrownBy(() -> stopRequested().confirm(T0 - 1, "bank:icbc", null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("before its last change");
  }

  @Test
  void request_cashTerminal_refused() {
    assertThatThrownBy(
            () -> HoldOrder.request("h9", HoldKind.STOP, "cash:T1", 100, "c", null, T0, "p", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a bank or payment account");
  }
}

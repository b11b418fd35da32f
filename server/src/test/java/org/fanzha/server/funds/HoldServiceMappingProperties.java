package org.fanzha.server.funds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fanzha.graph.freeze.HoldKind;
import org.fanzha.graph.freeze.HoldOrder;
import org.fanzha.store.HoldRecord;

/** Whatever the workflow did to an order, storing and reading it back gives the same order. */
class HoldServiceMappingProperties {

  static final long T0 = 1_795_000_000_000L;

  @Provide
  Arbitrary<List<Integer>> actions() {
    // 0 confirm, 1 reject, 2 renew, 3 release, 4 expire check; each after 1–30 hours
    return Arbitraries.integers().between(0, 4 * 100 + 99).list().ofMaxSize(8);
  }

  @Property(tries = 300)
  void toOrder_ofToRecord_isTheSameOrderAfterAnyWorkflow(
      @ForAll("actions") List<Integer> actions, @ForAll boolean freeze) {
    HoldOrder o =
        HoldOrder.request(
            "H-1",
            freeze ? HoldKind.FREEZE : HoldKind.STOP,
            "621700001000123",
            400_000,
            "case",
            freeze ? Duration.ofDays(30) : null,
            T0,
            "officer",
            null);
    long now = T0;
    for (int a : actions) {
      now += Duration.ofHours(1 + a % 30).toMillis();
      try {
        o =
            switch (a / 100) {
              case 0 -> o.confirm(now, "bank", "ref" + a);
              case 1 -> o.reject(now, "bank", "closed");
              case 2 -> o.renew(now, "officer", freeze ? Duration.ofDays(10) : null, null);
              case 3 -> o.release(now, "officer", "cleared");
              default -> o.expireIfDue(now);
            };
      } catch (IllegalStateException refused) {
        // the workflow refused this step; the order is unchanged
      }
    }

    HoldRecord stored = HoldService.toRecord(o);

    assertThat(HoldService.toOrder(stored)).isEqualTo(o);
    assertThat(stored.history()).hasSize(o.history().size());
    assertThat(stored.state()).isEqualTo(o.state().wireName());
  }
}

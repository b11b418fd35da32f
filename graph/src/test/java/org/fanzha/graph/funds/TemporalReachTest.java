package org.fanzha.graph.funds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TemporalReachTest {

  static final long T0 = ForwardTracerTest.T0;
  static final long MIN = ForwardTracerTest.MIN;

  @Test
  void minHops_laterShortPathDoesNotHideEarlierLongOne() {
    TransferGraph g = new TransferGraph();
    int seed = g.append("v", "a", T0, 100, null);
    g.append("a", "b", T0 + MIN, 100, null);
    g.append("b", "c", T0 + 2 * MIN, 100, null);
    g.append("a", "c", T0 + 10 * MIN, 100, null); // c again at hop 2, later
    g.append("c", "d", T0 + 5 * MIN, 100, null); // only reachable via the hop-3 arrival at 2 min
    g.append("x", "a", T0 - MIN, 100, null);
    g.append("a", "y", T0 - MIN, 100, null); // before the seed: not reachable

    Map<String, Integer> r = TemporalReach.minHops(g, seed, 6, Duration.ofDays(1));

    assertThat(r).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 2, "c", 2, "d", 4));
  }

  @Property(tries = 150)
  void minHops_containsEveryAccountTheTracerReports(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 20) int accounts,
      @ForAll @IntRange(min = 1, max = 250) int transfers) {
    TransferGraph g = RandomTransfers.generate(seed, accounts, transfers, 0, false).graph(16);
    int e = Math.floorMod(seed, transfers);
    ForwardTrace t = new ForwardTracer(g, TraceSettings.DEFAULTS).traceEdge(e);
    Map<String, Integer> reach = TemporalReach.minHops(g, e, 6, TraceSettings.DEFAULTS.window());

    for (ForwardTrace.Edge x : t.edges()) {
      assertThat(reach).containsKey(x.to());
      assertThat(reach.get(x.to())).isLessThanOrEqualTo(x.hop());
    }
  }
}

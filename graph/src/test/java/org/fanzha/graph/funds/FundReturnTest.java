package org.fanzha.graph.funds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class FundReturnTest {

  @Test
  void allocate_singleVictim_straightBackUpToTraced() {
    FundReturn.AccountReturn r =
        FundReturn.allocate(
            "6217000010001234567", 800_000, List.of(new FundReturn.Claim("victim-A", 500_000)));

    assertThat(r.method()).isEqualTo(FundReturn.Method.DIRECT);
    assertThat(r.shares())
        .extracting("victim", "returnFen")
        .containsExactly(tuple("victim-A", 500_000L));
    assertThat(r.keptFen()).isEqualTo(300_000);
  }

  @Test
  void allocate_threeVictims_proRataWithLargestRemainder() {
    // 10,000.00 recovered; traced 6,000 + 3,000 + 3,000 = 12,000.
    // A: 10,000 × 6/12 = 5,000.00; B and C: 10,000 × 3/12 = 2,500.00 each. No rounding.
    FundReturn.AccountReturn r =
        FundReturn.allocate(
            "acct",
            1_000_000,
            List.of(
                new FundReturn.Claim("C", 300_000),
                new FundReturn.Claim("A", 600_000),
                new FundReturn.Claim("B", 300_000)));

    assertThat(r.method()).isEqualTo(FundReturn.Method.PRO_RATA);
    assertThat(r.shares())
        .extracting("victim", "returnFen")
        .containsExactly(tuple("A", 500_000L), tuple("B", 250_000L), tuple("C", 250_000L));
    assertThat(r.calculation())
        .anyMatch(l -> l.contains("victim A: 10000.00 × 6000.00 / 12000.00 = 5000.00"));
  }

  @Test
  void allocate_oneFenLeftOver_goesToLargestRemainder() {
    // 1.00 yuan over three equal claims of 1.00: 33 fen each, 1 fen left; all remainders equal,
    // so it goes to the first in victim order.
    FundReturn.AccountReturn r =
        FundReturn.allocate(
            "acct",
            100,
            List.of(
                new FundReturn.Claim("A", 100),
                new FundReturn.Claim("B", 100),
                new FundReturn.Claim("C", 100)));

    assertThat(r.shares()).extracting("returnFen").containsExactly(34L, 33L, 33L);
  }

  @Property(tries = 300)
  void allocate_returnsExactlyTheLesserOfRecoveredAndTraced(
      @ForAll @LongRange(min = 0, max = 10_000_000_000L) long recovered,
      @ForAll @Size(min = 1, max = 12)
          List<@LongRange(min = 1, max = 5_000_000_000L) Long> traced) {
    List<FundReturn.Claim> claims = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < traced.size(); i++) {
      claims.add(new FundReturn.Claim("v" + (char) ('a' + i), traced.get(i)));
      total += traced.get(i);
    }
    FundReturn.AccountReturn r = FundReturn.allocate("acct", recovered, claims);

    long sum = r.shares().stream().mapToLong(FundReturn.Share::returnFen).sum();
    assertThat(sum).isEqualTo(Math.min(recovered, total));
    assertThat(sum + r.keptFen()).isEqualTo(recovered);
    assertThat(r.shares()).allSatisfy(s -> assertThat(s.returnFen()).isBetween(0L, s.tracedFen()));
  }

  @Property(tries = 100)
  void allocate_proRataSharesDifferFromExactByLessThanOneFen(
      @ForAll @LongRange(min = 1, max = 100_000_000L) long recovered,
      @ForAll @IntRange(min = 2, max = 9) int n) {
    List<FundReturn.Claim> claims = new ArrayList<>();
    long total = 0;
    for (int i = 0; i < n; i++) {
      long t = 1 + (recovered * (i + 3)) % 9_999_991;
      claims.add(new FundReturn.Claim("v" + i, t));
      total += t;
    }
    long pool = Math.min(recovered, total);
    FundReturn.AccountReturn r = FundReturn.allocate("acct", recovered, claims);
    for (FundReturn.Share s : r.shares()) {
      double exact = (double) pool * s.tracedFen() / total;
      assertThat(Math.abs(s.returnFen() - exact)).isLessThan(1.0 + 1e-6);
    }
  }
}

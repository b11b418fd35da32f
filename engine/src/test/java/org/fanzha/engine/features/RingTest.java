package org.fanzha.engine.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanzha.core.time.Millis.HOUR;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RingTest {

  private static final long T0 = 1_795_741_200_000L;
  // one entity at slice 3 to check offsets are honoured: scalars before, a ring of 6 × 4 h, 4
  // halves (2 words)
  private final Ring ring = new Ring(3, 6, 4, 4 * HOUR);
  private final int[] a = new int[40];

  @Test
  void sum16_countsWhatWasAddedInsideTheWindow() {
    for (int k = 0; k < 5; k++) {
      Ring.add16(a, ring.slot(a, 0, T0 + k * HOUR), 0, 1);
      Ring.add16(a, ring.slot(a, 0, T0 + k * HOUR), 3, 1);
    }
    Ring.add16(a, ring.slot(a, 0, T0 + 5 * HOUR), 1, 1);
    assertThat(ring.sum16(a, 0, 0, T0 + 5 * HOUR)).isEqualTo(5);
    assertThat(ring.sum16(a, 0, 1, T0 + 5 * HOUR)).isEqualTo(1);
    assertThat(ring.sum16(a, 0, 3, T0 + 5 * HOUR)).isEqualTo(5);
    assertThat(a[0] | a[1] | a[2]).as("scalars before the ring untouched").isZero();
  }

  @Test
  void sum16_dropsBucketsThatLeftTheWindow() {
    Ring.add16(a, ring.slot(a, 0, T0), 0, 1);
    Ring.add16(a, ring.slot(a, 0, T0 + 12 * HOUR), 0, 1);
    assertThat(ring.sum16(a, 0, 0, T0 + 12 * HOUR)).isEqualTo(2);
    // 24 h after the first bucket started, it is out; the second is still in
    assertThat(ring.sum16(a, 0, 0, T0 + 25 * HOUR)).isEqualTo(1);
    assertThat(ring.sum16(a, 0, 0, T0 + 40 * HOUR)).isZero();
  }

  @Test
  void slot_afterALongGap_clearsTheWholeRing() {
    for (int k = 0; k < 6; k++) {
      Ring.add16(a, ring.slot(a, 0, T0 + k * 4 * HOUR), 0, 3);
    }
    long later = T0 + 30 * 24 * HOUR;
    Ring.add16(a, ring.slot(a, 0, later), 0, 1);
    assertThat(ring.sum16(a, 0, 0, later)).isEqualTo(1);
  }

  @Test
  void slot_forAnEventOlderThanTheWindow_isRejected() {
    Ring.add16(a, ring.slot(a, 0, T0 + 48 * HOUR), 0, 1);
    assertThat(ring.slot(a, 0, T0)).isEqualTo(-1);
    Ring.add16(a, ring.slot(a, 0, T0), 0, 1); // ignored
    assertThat(ring.sum16(a, 0, 0, T0 + 48 * HOUR)).isEqualTo(1);
  }

  @Test
  void slot_forASlightlyLateEvent_landsInItsOwnBucket() {
    Ring.add16(a, ring.slot(a, 0, T0 + 8 * HOUR), 0, 1);
    Ring.add16(a, ring.slot(a, 0, T0 + HOUR), 0, 1);
    assertThat(ring.sum16(a, 0, 0, T0 + 8 * HOUR)).isEqualTo(2);
    assertThat(ring.sum16(a, 0, 0, T0 + 25 * HOUR))
        .as("the late one expires with its own bucket")
        .isEqualTo(1);
  }

  @Test
  void add16_saturatesInsteadOfOverflowingIntoTheNeighbour() {
    int slot = ring.slot(a, 0, T0);
    Ring.add16(a, slot, 0, 70_000);
    Ring.add16(a, slot, 0, 5);
    assertThat(ring.sum16(a, 0, 0, T0)).isEqualTo(65_535);
    assertThat(ring.sum16(a, 0, 1, T0)).isZero();
  }

  @Test
  void sum32_addsLargeAmountsPerBucket() {
    Ring.add32(a, ring.slot(a, 0, T0), 1, 3_000_000_000L);
    Ring.add32(a, ring.slot(a, 0, T0 + 5 * HOUR), 1, 7);
    assertThat(ring.sum32(a, 0, 1, T0 + 5 * HOUR)).isEqualTo(3_000_000_007L);
  }

  @Property(tries = 200)
  void sum16_equalsANaiveCountOfEventsInTheLast24Hours(
      @ForAll @IntRange(min = 0, max = 100) int n,
      @ForAll @IntRange(min = 1, max = 7) int spreadHours) {
    int[] b = new int[40];
    long[] times = new long[n];
    for (int k = 0; k < n; k++) {
      times[k] = T0 + (long) k * spreadHours * HOUR / 3;
      Ring.add16(b, ring.slot(b, 0, times[k]), 0, 1);
    }
    long now = n == 0 ? T0 : times[n - 1];
    long bucketStartNow = Math.floorDiv(now, 4 * HOUR) * 4 * HOUR;
    long windowStart = bucketStartNow - 5 * 4 * HOUR; // six buckets including the current one
    int expected = 0;
    for (long t : times) {
      if (t >= windowStart) {
        expected++;
      }
    }
    assertThat(ring.sum16(b, 0, 0, now)).isEqualTo(expected);
  }

  @Test
  void add16_withAnOddNumberOfCountersPerBucket_keepsBucketsApart() {
    // nine counters a bucket: buckets share ints, so a bucket starts in the middle of one
    Ring odd = new Ring(1, 6, 9, 4 * HOUR);
    int[] b = new int[odd.end() + 1];
    for (int k = 0; k < 6; k++) {
      int slot = odd.slot(b, 0, T0 + k * 4 * HOUR);
      for (int c = 0; c < 9; c++) {
        Ring.add16(b, slot, c, 10 * k + c + 1);
      }
    }
    long now = T0 + 5 * 4 * HOUR;
    int[] sums = new int[9];
    odd.sumAll(b, 0, now, sums, 9, new long[0], 0);
    for (int c = 0; c < 9; c++) {
      int expected = 0;
      for (int k = 0; k < 6; k++) {
        expected += 10 * k + c + 1;
      }
      assertThat(odd.sum16(b, 0, c, now)).as("counter %d", c).isEqualTo(expected);
      assertThat(sums[c]).isEqualTo(expected);
    }
    assertThat(b[odd.end()]).as("the word after the ring untouched").isZero();
    // moving on by one bucket clears only the oldest bucket (k = 0), also where it shares an int
    int slot = odd.slot(b, 0, now + 4 * HOUR);
    assertThat(slot).isNotNegative();
    for (int c = 0; c < 9; c++) {
      int expected = 0;
      for (int k = 1; k < 6; k++) {
        expected += 10 * k + c + 1;
      }
      assertThat(odd.sum16(b, 0, c, now + 4 * HOUR)).as("counter %d", c).isEqualTo(expected);
    }
  }

  /** One step of a ring's history: count at an hour (late ones too), or read at one. */
  record Op(boolean read, int hour, int counter, int delta) {}

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<java.util.List<Op>> ringHistories() {
    net.jqwik.api.Arbitrary<Op> op =
        net.jqwik.api.Combinators.combine(
                net.jqwik.api.Arbitraries.integers().between(0, 4).map(k -> k == 0),
                net.jqwik.api.Arbitraries.integers().between(-30, 60),
                net.jqwik.api.Arbitraries.integers().between(0, 8),
                net.jqwik.api.Arbitraries.frequency(
                    net.jqwik.api.Tuple.of(20, 1), net.jqwik.api.Tuple.of(1, 40_000)))
            .as(Op::new);
    return op.list().ofMaxSize(300);
  }

  @Property(tries = 300)
  void withTotals_readsWhatSummingTheBucketsReads(@ForAll("ringHistories") java.util.List<Op> ops) {
    // the same counts into a ring that sums its buckets at each read and one that keeps the sums
    Ring plain = new Ring(2, 6, 9, 4 * HOUR);
    Ring summed = plain.withTotals(plain.end() + 1);
    int[] p = new int[plain.end() + 12];
    int[] s = new int[plain.end() + 12];
    long clock = T0;
    for (Op op : ops) {
      long ts = clock + op.hour() * HOUR; // steps forward, and back for late events
      clock = Math.max(clock, ts);
      if (op.read()) {
        int[] fromPlain = new int[9];
        int[] fromSummed = new int[9];
        plain.sumAll(p, 0, ts, fromPlain, 9, new long[0], 0);
        summed.sumAll(s, 0, ts, fromSummed, 9, new long[0], 0);
        assertThat(fromSummed).isEqualTo(fromPlain);
        assertThat(summed.sum16(s, 0, op.counter(), ts)).isEqualTo(fromPlain[op.counter()]);
      } else {
        Ring.add16(p, plain.slot(p, 0, ts), op.counter(), op.delta());
        summed.add(s, 0, summed.slot(s, 0, ts), op.counter(), op.delta());
      }
    }
    // the sums kept are the buckets' sums (or full), as a slice read from before them gets them
    int from = plain.end() + 1;
    int to = from + summed.totalWords();
    int[] kept = java.util.Arrays.copyOfRange(s, from, to);
    java.util.Arrays.fill(s, from, to, 0);
    summed.resum(s, 0);
    assertThat(java.util.Arrays.copyOfRange(s, from, to)).isEqualTo(kept);
    assertThat(s[plain.end()]).as("the word between ring and sums untouched").isZero();
    assertThat(s[to]).as("the word after the sums untouched").isZero();
  }

  @Test
  void words_roundsHalvesUpToWholeInts() {
    assertThat(new Ring(0, 6, 9, HOUR).words()).isEqualTo(1 + 27);
    assertThat(new Ring(0, 3, 3, HOUR).words()).isEqualTo(1 + 5);
    assertThat(new Ring(0, 6, 10, HOUR).words()).isEqualTo(1 + 30);
  }
}

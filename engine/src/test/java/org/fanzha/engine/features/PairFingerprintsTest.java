package org.fanzha.engine.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PairFingerprintsTest {

  @Property(tries = 100)
  void testAndSet_neverForgetsAPairAcrossGrowth(
      @ForAll @Size(max = 3000) List<@IntRange(min = 0, max = 5000) Integer> xs) {
    PairFingerprints f = new PairFingerprints();
    Set<Long> seen = new HashSet<>();
    for (int k = 0; k + 1 < xs.size(); k += 2) {
      int a = xs.get(k);
      int b = xs.get(k + 1);
      boolean before = f.testAndSet(k % 3, a, b);
      boolean truth = !seen.add(((long) (k % 3) << 40) | ((long) a << 20) | b);
      if (truth) {
        assertThat(before).as("a pair seen before is always reported seen").isTrue();
      }
      assertThat(f.mightContain(k % 3, a, b)).isTrue();
    }
    for (long key : seen) {
      assertThat(
              f.mightContain((int) (key >>> 40), (int) (key >>> 20) & 0xFFFFF, (int) key & 0xFFFFF))
          .isTrue();
    }
  }

  @Test
  void testAndSet_halfAMillionDistinctPairs_fewFalsePositivesAndBytesThatGrowWithThePairs() {
    PairFingerprints f = new PairFingerprints();
    long small = f.approxBytes();
    int fp = 0;
    for (int i = 0; i < 500_000; i++) {
      if (f.testAndSet(1, i, i * 7 + 3)) {
        fp++;
      }
    }
    // expected about sum(i / 2^32) ≈ 29 false "seen" among half a million first contacts
    assertThat(fp).isLessThan(200);
    assertThat(f.size()).isEqualTo(500_000 - fp);
    assertThat(small).isLessThan(70_000);
    // between 8/15 and 4/5 full, 4 bytes a slot: 5 to 7.5 bytes a pair (plus page headers)
    assertThat(f.approxBytes()).isBetween(500_000L * 5, 500_000L * 15 / 2 + 1024);
  }

  @Test
  void mightContain_ofNeverSeenPairs_isRarelyTrue() {
    PairFingerprints f = new PairFingerprints();
    for (int i = 0; i < 100_000; i++) {
      f.testAndSet(2, i, -i);
    }
    int fp = 0;
    for (int i = 0; i < 100_000; i++) {
      if (f.mightContain(2, i, i + 1)) {
        fp++;
      }
    }
    assertThat(fp).isLessThan(20); // n / 2^32 ≈ 2·10⁻⁵ each
  }

  @Test
  void write_thenRead_keepsEveryPairAndTheSize() throws IOException {
    PairFingerprints f = new PairFingerprints();
    for (int i = 0; i < 5000; i++) {
      f.testAndSet(4, i, i + 1);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    f.write(new DataOutputStream(out));
    PairMemory g =
        PairMemory.read(new DataInputStream(new ByteArrayInputStream(out.toByteArray())));
    assertThat(g).isInstanceOf(PairFingerprints.class);
    assertThat(((PairFingerprints) g).size()).isEqualTo(f.size());
    assertThat(g.approxBytes()).isEqualTo(f.approxBytes());
    for (int i = 0; i < 5000; i++) {
      assertThat(g.mightContain(4, i, i + 1)).isTrue();
    }
    assertThat(g.testAndSet(4, 1, 2)).isTrue();
  }

  @Test
  void read_aSetWrittenSortedByTheFormatBefore_keepsEveryPair() throws IOException {
    PairFingerprints f = new PairFingerprints();
    for (int i = 0; i < 3000; i++) {
      f.testAndSet(1, i, 2 * i);
    }
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    f.write(new DataOutputStream(raw));
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(raw.toByteArray()));
    assertThat(in.readInt()).isEqualTo(PairFingerprints.TAG);
    int capacity = in.readInt();
    int size = in.readInt();
    List<Integer> slots = new java.util.ArrayList<>();
    for (int i = 0; i < capacity; i++) {
      int slot = in.readInt();
      if (slot != 0) {
        slots.add(slot);
      }
    }
    assertThat(slots).hasSize(size);
    slots.sort(Integer::compareUnsigned);
    ByteArrayOutputStream sorted = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(sorted);
    d.writeInt(PairFingerprints.SORTED_TAG);
    d.writeInt(capacity);
    d.writeInt(size);
    for (int slot : slots) {
      d.writeInt(slot);
    }
    PairMemory g =
        PairMemory.read(new DataInputStream(new ByteArrayInputStream(sorted.toByteArray())));
    assertThat(((PairFingerprints) g).size()).isEqualTo(size);
    for (int i = 0; i < 3000; i++) {
      assertThat(g.mightContain(1, i, 2 * i)).isTrue();
    }
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    g.write(new DataOutputStream(again));
    assertThat(again.size()).as("written again in the new format").isEqualTo(raw.size());
  }

  @Test
  void create_withZeroBits_growsAndWithBitsIsAFixedBloomFilter() {
    assertThat(PairMemory.create(0)).isInstanceOf(PairFingerprints.class);
    assertThat(PairMemory.create(16)).isInstanceOf(PairFilter.class);
    assertThat(PairMemory.create(16).approxBytes()).isEqualTo(8192);
  }
}

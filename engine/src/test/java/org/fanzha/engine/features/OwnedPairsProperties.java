package org.fanzha.engine.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Pairs kept by their owner (decision 0041): never a pair recorded and then denied, whatever else
 * was recorded, forgotten, written or moved; an owner's pairs are its own and go with it alone.
 */
class OwnedPairsProperties {

  /** One pair: its owner's table and row, its kind and other side. */
  private record Pair(int table, int owner, int kind, int partner) {}

  private static List<Pair> randomPairs(Random r, int owners, int pairs) {
    Set<Pair> out = new LinkedHashSet<>();
    while (out.size() < pairs) {
      out.add(new Pair(r.nextInt(2), r.nextInt(owners), 1 + r.nextInt(9), r.nextInt()));
    }
    return new ArrayList<>(out);
  }

  @Property(tries = 200)
  void aPairRecorded_isNeverDenied_andIsSeenWhenRecordedAgain(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 40) int owners,
      @ForAll @IntRange(min = 1, max = 600) int pairs) {
    List<Pair> all = randomPairs(new Random(seed), owners, pairs);
    OwnedPairs p = new OwnedPairs();
    for (Pair x : all) {
      p.testAndSet(x.table, x.owner, x.kind, x.partner);
    }
    for (Pair x : all) {
      assertThat(p.mightContain(x.table, x.owner, x.kind, x.partner)).as("%s", x).isTrue();
      assertThat(p.testAndSet(x.table, x.owner, x.kind, x.partner)).as("%s", x).isTrue();
    }
    assertThat(p.size()).isLessThanOrEqualTo(all.size()).isGreaterThan(0);
  }

  @Property(tries = 200)
  void anOwnerForgotten_takesItsPairsAlone(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 20) int owners,
      @ForAll @IntRange(min = 1, max = 300) int pairs) {
    Random r = new Random(seed);
    List<Pair> all = randomPairs(r, owners, pairs);
    OwnedPairs p = new OwnedPairs();
    all.forEach(x -> p.testAndSet(x.table, x.owner, x.kind, x.partner));
    Pair gone = all.get(r.nextInt(all.size()));
    p.forget(gone.table, gone.owner);
    assertThat(p.of(gone.table, gone.owner)).isEmpty();
    long left = 0;
    for (Pair x : all) {
      if (x.table == gone.table && x.owner == gone.owner) {
        continue;
      }
      left++;
      assertThat(p.mightContain(x.table, x.owner, x.kind, x.partner)).as("%s", x).isTrue();
    }
    assertThat(p.size()).isLessThanOrEqualTo(left);
    // and the row's next owner starts with none of them
    assertThat(p.mightContain(gone.table, gone.owner, gone.kind, gone.partner)).isFalse();
  }

  @Property(tries = 200)
  void anOwnersPairsPutBackUnderAnotherRow_answerAsTheyDid_andListTheSame(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 200) int pairs) {
    Random r = new Random(seed);
    OwnedPairs from = new OwnedPairs();
    List<Pair> mine = new ArrayList<>();
    for (Pair x : randomPairs(r, 1, pairs)) {
      Pair owned = new Pair(1, 7, x.kind, x.partner); // one account's pairs
      from.testAndSet(owned.table, owned.owner, owned.kind, owned.partner);
      mine.add(owned);
    }
    int[] listed = from.of(1, 7);
    OwnedPairs to = new OwnedPairs();
    to.testAndSet(1, 2, 3, 4); // another owner there already
    to.putBack(1, 40, listed);
    assertThat(to.of(1, 40)).isEqualTo(listed);
    for (Pair x : mine) {
      assertThat(to.mightContain(1, 40, x.kind, x.partner)).isTrue();
      assertThat(to.mightContain(0, 40, x.kind, x.partner)).as("not a phone's").isFalse();
    }
    assertThat(to.mightContain(1, 2, 3, 4)).isTrue();
  }

  @Property(tries = 100)
  void writtenAndRead_theSamePairsByTheSameOwners(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 30) int owners,
      @ForAll @IntRange(min = 0, max = 400) int pairs)
      throws IOException {
    List<Pair> all = randomPairs(new Random(seed), owners, pairs);
    OwnedPairs p = new OwnedPairs();
    all.forEach(x -> p.testAndSet(x.table, x.owner, x.kind, x.partner));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    p.write(new DataOutputStream(bytes));
    OwnedPairs read =
        OwnedPairs.read(
            new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), owners, owners);
    assertThat(read.size()).isEqualTo(p.size());
    for (int t = 0; t < 2; t++) {
      for (int o = 0; o < owners; o++) {
        assertThat(read.of(t, o)).isEqualTo(p.of(t, o));
      }
    }
  }
}

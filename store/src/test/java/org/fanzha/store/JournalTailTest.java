package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JournalTailTest {

  private static List<Long> seqs(List<JournalTail.Entry> entries) {
    return entries.stream().map(e -> e.seq).toList();
  }

  @Test
  void after_aWatermarkItReachesBackTo_givesTheLaterEventsNewestFirst() {
    JournalTail tail = new JournalTail(10);
    for (long s = 5; s <= 9; s++) {
      tail.add(s, "{}", 0, null);
    }
    assertThat(seqs(tail.after(4))).containsExactly(9L, 8L, 7L, 6L, 5L);
    assertThat(seqs(tail.after(7))).containsExactly(9L, 8L);
    assertThat(tail.after(9)).isEmpty();
    assertThat(tail.after(3)).as("seq 4 was never added here: the table has it").isNull();
    assertThat(new JournalTail(10).after(0)).as("nothing journaled by this process").isNull();
  }

  @Test
  void aFullTail_givesTheNewestItHolds_asLookUpsReadTheNewestAtMost() {
    JournalTail tail = new JournalTail(3);
    for (long s = 1; s <= 8; s++) {
      tail.add(s, "{}", 0, null);
    }
    assertThat(seqs(tail.after(0))).containsExactly(8L, 7L, 6L);
  }

  @Test
  void aNumberThatDoesNotFollow_startsTheTailAfresh_soItNeverHoldsAGap() {
    JournalTail tail = new JournalTail(10);
    tail.add(1, "{}", 0, null);
    tail.add(2, "{}", 0, null);
    tail.add(5, "{}", 0, null);
    assertThat(tail.after(0)).isNull();
    assertThat(seqs(tail.after(4))).containsExactly(5L);
  }

  @Test
  void between_givesARangeOldestFirst_onlyWhenItHoldsAllOfIt() {
    JournalTail tail = new JournalTail(5);
    for (long s = 5; s <= 9; s++) {
      tail.add(s, "{}", 0, null);
    }
    assertThat(seqs(tail.between(4, 9))).containsExactly(5L, 6L, 7L, 8L, 9L);
    assertThat(seqs(tail.between(6, 8))).containsExactly(7L, 8L);
    assertThat(tail.between(3, 9)).as("seq 4 is not held").isNull();
    assertThat(tail.between(8, 10)).as("seq 10 is not journaled yet").isNull();
    tail.add(10, "{}", 0, null);
    assertThat(tail.between(4, 10)).as("seq 5 left the full tail").isNull();
    assertThat(seqs(tail.between(5, 10))).containsExactly(6L, 7L, 8L, 9L, 10L);
    assertThat(new JournalTail(5).between(0, 1)).isNull();
  }
}

package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.fanzha.core.event.Channel;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.TransferEvent;
import org.jspecify.annotations.Nullable;

/**
 * The tail's per-entity index answers as testing every entry would, whatever is added, dropped off
 * the full tail or started afresh between look-ups.
 */
class JournalTailProperties {

  private static final int ACCOUNTS = 6;

  /**
   * Each step: below 60 an event from account {@code step % 6} to {@code step / 6 % 6}; 60 to 69 a
   * gap (the tail starts afresh); 70 and above a look-up of account {@code step % 6} after a
   * watermark some way back.
   */
  @Property(tries = 300)
  void naming_answersAsTestingEveryEntry(
      @ForAll @IntRange(min = 2, max = 12) int capacity,
      @ForAll @Size(max = 120) List<@IntRange(min = 0, max = 99) Integer> steps) {
    JournalTail tail = new JournalTail(capacity);
    long seq = 0;
    for (int step : steps) {
      if (step < 60) {
        seq++;
        tail.add(seq, "", 0, transfer(seq, step % ACCOUNTS, step / ACCOUNTS % ACCOUNTS));
      } else if (step < 70) {
        seq += 2;
        tail.add(seq, "", 0, transfer(seq, 0, 1));
      } else {
        String account = account(step % ACCOUNTS);
        long watermark = Math.max(0, seq - (step - 70) / 2);
        assertThat(seqs(tail.naming(EntityKind.ACCOUNT.wireName(), account, watermark, null)))
            .as("%s after %d", account, watermark)
            .isEqualTo(seqs(scanned(tail, account, watermark)));
      }
    }
  }

  private static @Nullable List<JournalTail.Entry> scanned(
      JournalTail tail, String account, long watermark) {
    List<JournalTail.Entry> after = tail.after(watermark);
    if (after == null) {
      return null;
    }
    List<JournalTail.Entry> out = new ArrayList<>();
    for (JournalTail.Entry e : after) {
      if (e.parties(null).contains(new EventParties.Party("account", account))) {
        out.add(e);
      }
    }
    return out;
  }

  private static @Nullable List<Long> seqs(@Nullable List<JournalTail.Entry> entries) {
    return entries == null ? null : entries.stream().map(e -> e.seq).toList();
  }

  static String account(int i) {
    return "62170000100012" + i;
  }

  static Event transfer(long seq, int from, int to) {
    return new TransferEvent(
        "t" + seq,
        TestEvents.T0 + seq,
        null,
        account(from),
        account(to),
        100,
        "CNY",
        Channel.MOBILE,
        null,
        null,
        null,
        null,
        null);
  }
}

package org.fanzha.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.fanzha.core.event.EntityKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tail's per-entity index under a writer and readers at once: its two locks (the tail's and the
 * index's) must give every look-up entries that name the entity, newest first, after its watermark,
 * with no hole, and every one the tail held for the whole look-up.
 */
class JournalTailConcurrencyTest {

  private static final int CAPACITY = 400;
  private static final int ACCOUNTS = 6;
  private static final long EVENTS = 150_000;

  @Test
  @Timeout(120)
  void lookUps_besideAWriter_giveWhatTheTailHeldThroughout() throws Exception {
    JournalTail tail = new JournalTail(CAPACITY);
    AtomicLong last = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch readersStarted = new CountDownLatch(3);
    AtomicLong overlapped = new AtomicLong();
    try {
      Future<?> writer =
          pool.submit(
              () -> {
                readersStarted.await(30, TimeUnit.SECONDS);
                // at least EVENTS, and on until the readers have overlapped it often enough: a
                // reader thread can start late, after a writer this fast is done
                for (long seq = 1;
                    seq <= EVENTS || overlapped.get() < 1_000 && seq <= 100 * EVENTS;
                    seq++) {
                  tail.add(seq, "", 0, JournalTailProperties.transfer(seq, from(seq), to(seq)));
                  last.set(seq);
                }
                return null;
              });
      List<Future<Long>> readers = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        long seed = r;
        readers.add(
            pool.submit(
                () -> {
                  readersStarted.countDown();
                  return lookUpUntilDone(tail, last, writer, seed, overlapped);
                }));
      }
      writer.get(60, TimeUnit.SECONDS);
      long checked = 0;
      for (Future<Long> f : readers) {
        checked += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(checked).as("look-ups that overlapped the writer").isGreaterThan(100);
    } finally {
      pool.shutdownNow();
    }
  }

  private static long lookUpUntilDone(
      JournalTail tail, AtomicLong last, Future<?> writer, long seed, AtomicLong overlapped) {
    SplittableRandom random = new SplittableRandom(seed);
    long checked = 0;
    while (!writer.isDone()) {
      int account = random.nextInt(ACCOUNTS);
      long before = last.get();
      long watermark = Math.max(0, before - random.nextInt(CAPACITY));
      List<JournalTail.Entry> got =
          tail.naming(
              EntityKind.ACCOUNT.wireName(),
              JournalTailProperties.account(account),
              watermark,
              null);
      long after = last.get();
      if (got == null) {
        assertThat(before).as("null only while the tail is not yet full").isLessThan(CAPACITY);
        continue;
      }
      Set<Long> seqs = new HashSet<>();
      long previous = Long.MAX_VALUE;
      for (JournalTail.Entry e : got) {
        assertThat(e.seq).isGreaterThan(watermark).isLessThan(previous);
        assertThat(names(e.seq, account)).as("entry %d names account %d", e.seq, account).isTrue();
        seqs.add(e.seq);
        previous = e.seq;
      }
      // held throughout: added before the look-up began and not yet pushed out when it ended (the
      // writer adds an entry before it publishes its number, so the tail may hold one past after)
      long heldFrom = Math.max(watermark, after + 1 - CAPACITY) + 1;
      for (long s = heldFrom; s <= before; s++) {
        if (names(s, account)) {
          assertThat(seqs).as("entry %d, held throughout the look-up", s).contains(s);
        }
      }
      if (!got.isEmpty()) {
        for (long s = got.get(got.size() - 1).seq; s <= got.get(0).seq; s++) {
          if (names(s, account)) {
            assertThat(seqs).as("no hole at %d", s).contains(s);
          }
        }
      }
      checked++;
      overlapped.incrementAndGet();
    }
    return checked;
  }

  private static int from(long seq) {
    return (int) (seq % ACCOUNTS);
  }

  private static int to(long seq) {
    return (int) ((seq / ACCOUNTS + 1 + seq) % ACCOUNTS);
  }

  private static boolean names(long seq, int account) {
    return from(seq) == account || to(seq) == account;
  }
}

package org.fanzha.store;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.fanzha.core.event.Event;
import org.jspecify.annotations.Nullable;

/**
 * The newest events this process journaled, kept in memory so that a look-up can read what the
 * per-entity index has not reached yet without reading and decoding those rows again: a look-up
 * while the index lags (under load) used to decode thousands of rows each time. Each event is
 * decoded and its parties named once, on the first look-up that needs them.
 *
 * <p>Holds sequence numbers without gaps: the journal is this process's alone (it numbers appends
 * itself), so the tail covers everything after an index watermark when its oldest entry follows
 * that watermark, or when it is full (look-ups read the newest {@code capacity} at most).
 */
final class JournalTail {

  /** One journaled event, decoded when first needed. */
  static final class Entry {
    final long seq;
    private final String line;
    private final long receivedAt;
    private volatile @Nullable JournalEntry decoded;
    private volatile @Nullable Set<EventParties.Party> parties;

    private Entry(long seq, String line, long receivedAt, @Nullable Event event) {
      this.seq = seq;
      this.line = line;
      this.receivedAt = receivedAt;
      if (event != null) {
        this.decoded = new JournalEntry(seq, event, Instant.ofEpochMilli(receivedAt));
      }
    }

    /** Returns the entry, decoding its line the first time. */
    JournalEntry entry(BiFunction<Long, String, Event> decode) {
      JournalEntry e = decoded;
      if (e == null) {
        e = new JournalEntry(seq, decode.apply(seq, line), Instant.ofEpochMilli(receivedAt));
        decoded = e;
      }
      return e;
    }

    /** Returns the entities the event names, naming them the first time. */
    Set<EventParties.Party> parties(BiFunction<Long, String, Event> decode) {
      Set<EventParties.Party> p = parties;
      if (p == null) {
        p = EventParties.of(entry(decode).event());
        parties = p;
      }
      return p;
    }
  }

  private final int capacity;
  private final ArrayDeque<Entry> entries; // guarded by this; oldest first
  private int generation; // guarded by this; one more each time the tail starts afresh

  /**
   * The entries each entity names, oldest first, built by look-ups as they come (an append only
   * adds to {@link #entries}): a look-up under load used to test each of 20,000 entries.
   */
  private final Map<EventParties.Party, ArrayDeque<Entry>> byParty =
      new HashMap<>(); // guarded by indexLock

  private final ArrayDeque<Entry> indexed = new ArrayDeque<>(); // guarded by indexLock
  private long indexedUpTo; // guarded by indexLock
  private int indexedGeneration = -1; // guarded by indexLock
  private final Object indexLock = new Object();

  JournalTail(int capacity) {
    this.capacity = capacity;
    this.entries = new ArrayDeque<>(capacity);
  }

  /**
   * Adds an event just journaled, with the event as the journal was given it (then its line is
   * never decoded) or null. A number that does not follow the last one added (the table was read
   * again after a failure) starts the tail afresh, so it never holds a gap.
   */
  synchronized void add(long seq, String line, long receivedAt, @Nullable Event event) {
    Entry last = entries.peekLast();
    if (last != null && last.seq + 1 != seq) {
      entries.clear();
      generation++;
    }
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(new Entry(seq, line, receivedAt, event));
  }

  /**
   * Returns the events after {@code watermark}, newest first, or null when the tail does not reach
   * back to it (after a start, until this process has journaled enough).
   */
  synchronized @Nullable List<Entry> after(long watermark) {
    if (entries.isEmpty() || entries.size() < capacity && entries.peekFirst().seq > watermark + 1) {
      return null;
    }
    List<Entry> out = new ArrayList<>();
    for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.seq <= watermark) {
        break;
      }
      out.add(e);
    }
    return out;
  }

  /**
   * Returns the events with {@code after < seq <= upto}, oldest first, or null unless the tail
   * holds every one of them.
   */
  synchronized @Nullable List<Entry> between(long after, long upto) {
    Entry first = entries.peekFirst();
    Entry last = entries.peekLast();
    if (first == null || last == null || first.seq > after + 1 || last.seq < upto) {
      return null;
    }
    List<Entry> out = new ArrayList<>();
    for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.seq <= after) {
        break;
      }
      if (e.seq <= upto) {
        out.add(e);
      }
    }
    Collections.reverse(out);
    return out;
  }

  /**
   * Returns the events after {@code watermark} that name the entity, newest first, or null when the
   * tail does not reach back to it (as {@link #after}).
   */
  @Nullable List<Entry> naming(
      String kind, String entity, long watermark, BiFunction<Long, String, Event> decode) {
    List<Entry> fresh = new ArrayList<>();
    long oldest;
    int gen;
    synchronized (this) {
      Entry first = entries.peekFirst();
      if (first == null || entries.size() < capacity && first.seq > watermark + 1) {
        return null;
      }
      oldest = first.seq;
      gen = generation;
      long known;
      synchronized (indexLock) {
        known = gen == indexedGeneration ? indexedUpTo : 0;
      }
      for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext(); ) {
        Entry e = it.next();
        if (e.seq <= known) {
          break;
        }
        fresh.add(e);
      }
    }
    synchronized (indexLock) {
      if (gen < indexedGeneration) {
        return null; // the tail started afresh meanwhile: read as though it did not reach back
      }
      if (gen > indexedGeneration) {
        byParty.clear();
        indexed.clear();
        indexedUpTo = 0;
        indexedGeneration = gen;
      }
      for (int i = fresh.size() - 1; i >= 0; i--) {
        Entry e = fresh.get(i);
        if (e.seq > indexedUpTo) {
          for (EventParties.Party p : e.parties(decode)) {
            byParty.computeIfAbsent(p, x -> new ArrayDeque<>()).addLast(e);
          }
          indexed.addLast(e);
          indexedUpTo = e.seq;
        }
      }
      for (Entry gone; (gone = indexed.peekFirst()) != null && gone.seq < oldest; ) {
        indexed.removeFirst();
        for (EventParties.Party p : gone.parties(decode)) {
          ArrayDeque<Entry> of = byParty.get(p);
          if (of != null) {
            of.removeFirst();
            if (of.isEmpty()) {
              byParty.remove(p);
            }
          }
        }
      }
      List<Entry> out = new ArrayList<>();
      ArrayDeque<Entry> of = byParty.get(new EventParties.Party(kind, entity));
      if (of != null) {
        for (Iterator<Entry> it = of.descendingIterator(); it.hasNext(); ) {
          Entry e = it.next();
          if (e.seq <= watermark) {
            break;
          }
          out.add(e);
        }
      }
      return out;
    }
  }
}

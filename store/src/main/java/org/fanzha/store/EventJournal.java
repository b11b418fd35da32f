package org.fanzha.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.fanzha.core.codec.EventCodec;
import org.fanzha.core.codec.ParseResult;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.EventType;
import org.jspecify.annotations.Nullable;

/**
 * The append-only journal of accepted events: what the engine has processed, in order. An event is
 * acknowledged only after {@link #append} returned, that is after the commit; a restart replays the
 * journal after the last snapshot's sequence number.
 */
public final class EventJournal {

  /*
   * Design.
   * 1. One writer. Sequence numbers are assigned here, not by the database, so that the order of the
   *    journal is exactly the order in which the caller then feeds the engine, and so a batch needs
   *    no round trip to learn its keys. Appends are serialised by a lock; the runner that calls this
   *    groups concurrent requests into one batch (group commit), which is where throughput comes
   *    from: one commit per batch, not per event. A second process writing the same database would
   *    collide on the primary key and fail loudly rather than interleave silently.
   * 2. Idempotency. Ids already journaled are found with one indexed IN query per 500 ids; ids
   *    repeated inside the batch count once (the first wins). The unique constraint on event_id is
   *    the backstop.
   * 3. The stored line is the codec's canonical form of the event, so replay parses exactly what
   *    the engine saw.
   * 4. The per-entity index (PartyIndex: who each event concerns) is not written by append but
   *    by indexPending, after the commit and off the acknowledgement path: it tripled the rows an
   *    append wrote (measured ~100 µs per event with it, ~45 without, H2 on 2 busy cores) and can
   *    always be rebuilt from the journal. It keeps the newest events' parties in memory and writes
   *    them as sorted runs (decision 0034), merged by mergeIndex on another thread.
   * 5. With a log (a server with a data folder; decision 0020), an append is durable once the log has forced it to
   *    disk, and the table is filled behind it by copyPending (the journal's own copier every 250 ms, whichever runner
   *    writes, and anything that reads the whole journal or indexes it). Until then the rows wait in memory, where find and latest see them and where the
   *    duplicate check looks before it asks the table. Opening the journal copies whatever a crash left only in the
   *    log, so every reader of a reopened database sees every acknowledged event.
   */

  private static final int IN_CHUNK = 500;

  /**
   * How often the journal copies what waits in its log to the table, whoever writes it (either
   * runner).
   */
  private static final Duration COPY_EVERY = Duration.ofMillis(250);

  /** Rows copied from the log to the table per transaction. */
  private static final int COPY_STEP = 5_000;

  /**
   * Past this many rows waiting for the table, an append copies first (the table is the log's
   * bound).
   */
  private static final int MAX_PENDING = 200_000;

  private final DataSource ds;
  private final @Nullable JournalLog log;
  private final int maxPending;
  private final @Nullable ScheduledExecutorService copier;
  private final EventCodec codec =
      EventCodec.stored(); // reads back what was accepted, under the rules of its day
  private final JournalTail tail = new JournalTail(UNINDEXED_READ);
  private final PartyIndex parties;

  /** The highest sequence number in the table: what the index may reach. */
  private volatile long inTable;

  /** Whether a copy failed since the table was last read: its commit may have landed. */
  private boolean tableUncertain; // guarded by copyLock

  private final Object writeLock = new Object();
  private final Object indexLock = new Object();
  private final Object copyLock = new Object();
  private long lastSeq = -1; // -1: not yet read from the database; guarded by writeLock

  /** Logged, not yet in the table, in sequence order; guarded by itself. */
  private final ArrayDeque<Row> pending = new ArrayDeque<>();

  private final Map<String, Row> pendingById = new HashMap<>(); // guarded by pending

  /** Which ids an append needs to look for in the table. */
  private final JournaledIds journaledIds;

  private volatile boolean closed;

  /** One journaled event as the table stores it. */
  private record Row(
      long seq,
      String id,
      String type,
      long ts,
      @Nullable String source,
      String line,
      long receivedAt) {}

  EventJournal(DataSource ds) {
    this(ds, null);
  }

  /**
   * A journal whose appends go to {@code log} (forced to disk) and reach the table behind them
   * through {@link #copyPending}; whatever the log holds beyond the table (a crash before the copy)
   * is copied now.
   */
  EventJournal(DataSource ds, @Nullable JournalLog log) {
    this(ds, log, MAX_PENDING, COPY_EVERY);
  }

  /**
   * As above, copying in the background every {@code copyEvery} ({@code null}: only when asked, for
   * tests).
   */
  EventJournal(
      DataSource ds, @Nullable JournalLog log, int maxPending, @Nullable Duration copyEvery) {
    this(ds, log, maxPending, copyEvery, PartyIndex.Shape.DEFAULT);
  }

  /** As above, with the per-entity index's runs cut to {@code shape} (small ones, in tests). */
  EventJournal(
      DataSource ds,
      @Nullable JournalLog log,
      int maxPending,
      @Nullable Duration copyEvery,
      PartyIndex.Shape shape) {
    this.ds = ds;
    this.log = log;
    this.maxPending = maxPending;
    if (log != null) {
      recoverLog(log);
    }
    try (Connection c = ds.getConnection()) {
      inTable = maxSeq(c);
    } catch (SQLException e) {
      throw new StoreException("journal read failed", e);
    }
    this.parties = new PartyIndex(ds, shape);
    this.journaledIds = new JournaledIds(Math.max(1 << 20, inTable + inTable / 4));
    loadJournaledIds(inTable);
    if (log != null && copyEvery != null) {
      copier =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "fanzha-journal-copier");
                t.setDaemon(
                    true); // a killed or stopped process leaves the rest in the log, for the next
                // open
                return t;
              });
      copier.scheduleWithFixedDelay(
          this::copyInBackground,
          copyEvery.toMillis(),
          copyEvery.toMillis(),
          TimeUnit.MILLISECONDS);
    } else {
      copier = null;
    }
  }

  /**
   * Adds the ids of the table's first {@code upTo} events to {@link #journaledIds}, on a thread of
   * its own (a long journal takes seconds); appends meanwhile add their own, and ask the table
   * about every id until this is done.
   */
  private void loadJournaledIds(long upTo) {
    if (upTo == 0) {
      journaledIds.complete();
      return;
    }
    Thread t =
        new Thread(
            new JournaledIdsLoader(
                ds,
                upTo,
                JournaledIdsLoader.RANGE,
                journaledIds,
                () -> closed,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30)),
            "fanzha-journal-ids");
    t.setDaemon(true);
    t.start();
  }

  /** Returns whether the ids journaled before this process began have all been read. */
  boolean journaledIdsRead() {
    return journaledIds.isComplete();
  }

  private void copyInBackground() {
    try {
      copyPending();
    } catch (RuntimeException e) {
      log()
          .warn(
              "Journal rows not copied to the table yet; they stay in the log and are tried again",
              e);
    }
  }

  private static org.slf4j.Logger log() {
    return org.slf4j.LoggerFactory.getLogger(EventJournal.class);
  }

  /** The most unindexed events a look-up reads from the journal itself. */
  private static final int UNINDEXED_READ = 20_000;

  /**
   * Journals the events whose ids are not journaled yet, in list order, and makes them durable
   * before returning (committed to the table, or forced to the log ahead of it). Returns, per
   * position, the sequence number given or that it was a duplicate.
   *
   * @throws StoreException if the database or the disk fails; then nothing of the batch was
   *     journaled
   */
  public AppendResult append(List<? extends Event> events) {
    List<String> ids = new ArrayList<>(events.size());
    for (Event e : events) {
      ids.add(e.id());
    }
    long[] seqs = new long[events.size()];
    if (events.isEmpty()) {
      return new AppendResult(seqs, ids);
    }
    synchronized (writeLock) {
      if (log != null && waitingForTable() > maxPending) {
        // the table fell behind: the writer waits for it rather than let memory grow, and if the
        // table fails,
        // this batch fails before anything of it is written
        copyPending();
      }
      try (Connection c = ds.getConnection()) {
        long next = currentLastSeq(c);
        // pending first: a row leaves it only after the table has it, so no id can slip between the
        // two looks
        Set<String> taken = pendingIds(ids);
        taken.addAll(existingIds(c, ids.stream().filter(journaledIds::mayBeJournaled).toList()));
        long now = System.currentTimeMillis();
        List<Row> rows = new ArrayList<>(events.size());
        for (int i = 0; i < seqs.length; i++) {
          Event e = events.get(i);
          if (!taken.add(e.id())) {
            continue; // already journaled, or earlier in this batch
          }
          seqs[i] = ++next;
          rows.add(
              fitting(
                  new Row(
                      next, e.id(), e.type().wireName(), e.ts(), e.source(), codec.write(e), now)));
        }
        for (Row r : rows) {
          // before the write: an id the write then failed costs one look-up later, never a miss
          journaledIds.add(r.id());
        }
        if (log == null) {
          insert(c, rows);
          inTable = next;
        } else {
          log.append(
              rows.stream()
                  .map(r -> new JournalLog.Entry(r.seq(), r.receivedAt(), r.line()))
                  .toList());
          synchronized (pending) {
            for (Row r : rows) {
              pending.add(r);
              pendingById.put(r.id(), r);
            }
          }
        }
        lastSeq = next;
        for (int i = 0, r = 0; i < seqs.length; i++) {
          if (seqs[i] > 0) {
            Row row = rows.get(r++);
            tail.add(row.seq(), row.line(), row.receivedAt(), events.get(i));
          }
        }
        return new AppendResult(seqs, ids);
      } catch (SQLException e) {
        forgetLastSeq();
        throw new StoreException("journal append failed", e);
      } catch (RuntimeException e) {
        forgetLastSeq();
        throw e;
      }
    }
  }

  /**
   * Copies the events the log holds ahead of the table into it, a transaction per few thousand, and
   * drops the log segments the table now covers; returns how many rows were copied. Safe from any
   * thread; the embedded runner's indexer calls it before indexing. Without a log there is nothing
   * to copy.
   *
   * @throws StoreException if the database fails; the rows stay in the log and are copied by a
   *     later call
   */
  public int copyPending() {
    if (log == null) {
      return 0;
    }
    synchronized (copyLock) {
      if (tableUncertain) {
        settleWithTable(log);
      }
      int copied = 0;
      while (true) {
        List<Row> step = new ArrayList<>();
        synchronized (pending) {
          for (Row r : pending) {
            if (step.size() == COPY_STEP) {
              break;
            }
            step.add(r);
          }
        }
        if (step.isEmpty()) {
          return copied;
        }
        try (Connection c = ds.getConnection()) {
          insert(c, step);
        } catch (SQLException e) {
          tableUncertain = true;
          throw new StoreException("journal copy to the table failed", e);
        }
        synchronized (pending) {
          for (Row r : step) {
            pending.removeFirst();
            pendingById.remove(r.id());
          }
        }
        inTable = step.get(step.size() - 1).seq();
        log.dropUpTo(step.get(step.size() - 1).seq());
        copied += step.size();
      }
    }
  }

  /**
   * After a failed copy, drops from the log's queue what the table holds all the same: a commit can
   * fail after it landed (H2 has failed so under load, inside its commit), and copying those rows
   * again would fail on their keys forever. The table holds a prefix of the journal, copied in
   * order one transaction at a time, so its highest number says what it has.
   */
  private void settleWithTable(JournalLog log) {
    long max;
    try (Connection c = ds.getConnection()) {
      max = maxSeq(c);
    } catch (SQLException e) {
      throw new StoreException("journal copy to the table failed", e);
    }
    int dropped = 0;
    synchronized (pending) {
      while (!pending.isEmpty() && pending.peekFirst().seq() <= max) {
        pendingById.remove(pending.removeFirst().id());
        dropped++;
      }
    }
    if (dropped > 0) {
      log()
          .warn(
              "{} journal rows were in the table though their copy failed; not copied again",
              dropped);
      inTable = max;
      log.dropUpTo(max);
    }
    tableUncertain = false;
  }

  /** Returns how many journaled events wait in the log for the table (0 without a log). */
  public int waitingForTable() {
    synchronized (pending) {
      return pending.size();
    }
  }

  private Set<String> pendingIds(List<String> ids) {
    Set<String> taken = new HashSet<>();
    synchronized (pending) {
      if (!pendingById.isEmpty()) {
        for (String id : ids) {
          if (pendingById.containsKey(id)) {
            taken.add(id);
          }
        }
      }
    }
    return taken;
  }

  /**
   * After a failed append without a log, the table is the truth and is read again. With one, the
   * sequence numbers are this writer's own (the table lags behind the log) and the failed batch
   * left nothing: they stay.
   */
  private void forgetLastSeq() {
    if (log == null) {
      lastSeq = -1;
    }
  }

  /**
   * Returns the row if the table's columns can hold it. A row the log took and the table then
   * refused would block every row behind it, so the log takes only what the table will: the batch
   * fails here instead, before anything is written, and the runner retries its submissions one by
   * one (as when a commit is refused).
   */
  private static Row fitting(Row r) {
    if (r.id().length() > 128
        || r.type().length() > 16
        || (r.source() != null && r.source().length() > 64)) {
      throw new StoreException(
          "event seq "
              + r.seq()
              + " does not fit the journal table: id up to 128 characters, "
              + "type up to 16, source up to 64");
    }
    return r;
  }

  /** Inserts rows and commits them, or nothing. */
  private static void insert(Connection c, List<Row> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    c.setAutoCommit(false);
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO journal (seq, event_id, type, ts, source, line, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (Row r : rows) {
        ins.setLong(1, r.seq());
        ins.setString(2, r.id());
        ins.setString(3, r.type());
        ins.setLong(4, r.ts());
        ins.setString(5, r.source());
        ins.setString(6, r.line());
        ins.setObject(
            7, OffsetDateTime.ofInstant(Instant.ofEpochMilli(r.receivedAt()), ZoneOffset.UTC));
        ins.addBatch();
      }
      ins.executeBatch();
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }

  /**
   * Copies what the log holds beyond the table (a crash came before the copier), then starts the
   * log afresh.
   */
  private void recoverLog(JournalLog log) {
    try (Connection c = ds.getConnection()) {
      long inTable = maxSeq(c);
      List<Row> step = new ArrayList<>();
      SQLException[] failed = {null};
      log.recover(
          e -> {
            if (e.seq() <= inTable || failed[0] != null) {
              return;
            }
            Event ev = decode(e.seq(), e.line());
            step.add(
                new Row(
                    e.seq(),
                    ev.id(),
                    ev.type().wireName(),
                    ev.ts(),
                    ev.source(),
                    e.line(),
                    e.receivedAtMillis()));
            if (step.size() == COPY_STEP) {
              try {
                insert(c, step);
              } catch (SQLException ex) {
                failed[0] = ex;
              }
              step.clear();
            }
          });
      if (failed[0] != null) {
        throw failed[0];
      }
      insert(c, step);
      log.clear();
    } catch (SQLException e) {
      throw new StoreException("journal log recovery failed", e);
    }
  }

  /**
   * Adds journaled events not yet in the per-entity index to it, up to {@code maxEvents} of them,
   * oldest first; returns how many were indexed (0 when up to date). The index writes a run now and
   * then (decision 0034), so a call may take longer than its events; merges are {@link
   * #mergeIndex}'s. Safe to call from any thread; calls are serialised.
   */
  public int indexPending(int maxEvents) {
    copyPending(); // what is indexed must be in the table, where look-ups read the lines
    synchronized (indexLock) {
      long from = parties.indexed();
      long upTo = inTable;
      int n = 0;
      List<JournalTail.Entry> kept = tail.after(from);
      // the tail may start after the index (a full tail, a backlog): then the table is read
      if (kept != null && (kept.isEmpty() || kept.get(kept.size() - 1).seq == from + 1)) {
        for (int i = kept.size() - 1; i >= 0 && n < maxEvents && kept.get(i).seq <= upTo; i--) {
          parties.add(kept.get(i).seq, kept.get(i).parties(this::decode));
          n++;
        }
      } else {
        n = indexFromTable(from, maxEvents);
      }
      parties.settle();
      return n;
    }
  }

  /**
   * Merges the per-entity index's runs where enough of one size have been written, and deletes the
   * runs earlier merges replaced; returns how many merges were made. Meant for a thread of its own
   * beside {@link #indexPending}, which goes on adding events while a merge runs; {@code stopping}
   * is asked between merges.
   */
  public int mergeIndex(BooleanSupplier stopping) {
    return parties.merge(stopping);
  }

  /** Indexes events read back from the table (after a restart, before the tail reaches back). */
  private int indexFromTable(long from, int maxEvents) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
      int n = 0;
      try (PreparedStatement read =
          c.prepareStatement("SELECT seq, line FROM journal WHERE seq > ? ORDER BY seq LIMIT ?")) {
        read.setLong(1, from);
        read.setInt(2, maxEvents);
        read.setFetchSize(1000);
        try (ResultSet rs = read.executeQuery()) {
          while (rs.next()) {
            long seq = rs.getLong(1);
            parties.add(seq, EventParties.of(decode(seq, rs.getString(2))));
            n++;
          }
        }
      }
      c.commit();
      return n;
    } catch (SQLException e) {
      throw new StoreException("journal indexing failed", e);
    }
  }

  private long currentLastSeq(Connection c) throws SQLException {
    if (lastSeq < 0) {
      lastSeq = maxSeq(c);
    }
    return lastSeq;
  }

  private static long maxSeq(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM journal");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Set<String> existingIds(Connection c, List<String> ids) throws SQLException {
    Set<String> distinct = new HashSet<>(ids);
    List<String> all = new ArrayList<>(distinct);
    Set<String> found = new HashSet<>();
    Map<Integer, PreparedStatement> byLength = new HashMap<>();
    try {
      for (int from = 0; from < all.size(); from += IN_CHUNK) {
        int to = Math.min(all.size(), from + IN_CHUNK);
        int n = to - from;
        PreparedStatement ps = byLength.get(n);
        if (ps == null) {
          ps =
              c.prepareStatement(
                  "SELECT event_id FROM journal WHERE event_id IN (" + Jdbc.placeholders(n) + ")");
          byLength.put(n, ps);
        }
        for (int i = 0; i < n; i++) {
          ps.setString(i + 1, all.get(from + i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(rs.getString(1));
          }
        }
      }
    } finally {
      for (PreparedStatement ps : byLength.values()) {
        ps.close();
      }
    }
    return found;
  }

  /** Returns the highest sequence number journaled (in the log or the table), 0 when empty. */
  public long lastSeq() {
    synchronized (writeLock) {
      try (Connection c = ds.getConnection()) {
        return currentLastSeq(c);
      } catch (SQLException e) {
        throw new StoreException("journal read failed", e);
      }
    }
  }

  /** Returns how many events are journaled. */
  public long count() {
    copyPending();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM journal");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("journal count failed", e);
    }
  }

  /** Receives journaled events in sequence order. */
  @FunctionalInterface
  public interface Consumer {
    void accept(long seq, Event event);
  }

  /**
   * Streams every event with a sequence number above {@code afterSeq} to the consumer, in order;
   * returns how many there were.
   */
  public long forEachAfter(long afterSeq, Consumer consumer) {
    copyPending();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
      try (PreparedStatement ps =
          c.prepareStatement("SELECT seq, line FROM journal WHERE seq > ? ORDER BY seq")) {
        ps.setFetchSize(1000);
        ps.setLong(1, afterSeq);
        long n = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long seq = rs.getLong(1);
            consumer.accept(seq, decode(seq, rs.getString(2)));
            n++;
          }
        }
        c.commit();
        return n;
      }
    } catch (SQLException e) {
      throw new StoreException("journal replay failed", e);
    }
  }

  /**
   * Streams the events of the given types with {@code afterSeq < seq <= uptoSeq} to the consumer,
   * in sequence order; returns how many there were. Lines of other types are not decoded, which is
   * what makes this cheaper than {@link #forEachAfter} for a reader that wants only transfers. A
   * reader that keeps up (the gang graph, every 200 ms) is served from the newest events this
   * process keeps in memory, neither read from the table nor decoded again.
   */
  public long forEachOfTypes(Set<EventType> types, long afterSeq, long uptoSeq, Consumer consumer) {
    if (types.isEmpty() || uptoSeq <= afterSeq) {
      return 0;
    }
    List<JournalTail.Entry> kept = tail.between(afterSeq, uptoSeq);
    if (kept != null) {
      long n = 0;
      for (JournalTail.Entry e : kept) {
        Event event = e.entry(this::decode).event();
        if (types.contains(event.type())) {
          consumer.accept(e.seq, event);
          n++;
        }
      }
      return n;
    }
    copyPending();
    String sql =
        "SELECT seq, line FROM journal WHERE seq > ? AND seq <= ? AND type IN ("
            + Jdbc.placeholders(types.size())
            + ") ORDER BY seq";
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setFetchSize(1000);
        ps.setLong(1, afterSeq);
        ps.setLong(2, uptoSeq);
        int i = 3;
        for (EventType t : types) {
          ps.setString(i++, t.wireName());
        }
        long n = 0;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long seq = rs.getLong(1);
            consumer.accept(seq, decode(seq, rs.getString(2)));
            n++;
          }
        }
        c.commit();
        return n;
      }
    } catch (SQLException e) {
      throw new StoreException("journal replay failed", e);
    }
  }

  /** Returns the journaled event with this id, if any. */
  public Optional<JournalEntry> find(String eventId) {
    Row waiting;
    synchronized (pending) {
      waiting = pendingById.get(eventId);
    }
    if (waiting != null) {
      return Optional.of(entry(waiting));
    }
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT seq, line, received_at FROM journal WHERE event_id = ?")) {
      ps.setString(1, eventId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("journal look-up failed", e);
    }
  }

  /** Returns the event with the highest sequence number, if the journal is not empty. */
  public Optional<JournalEntry> latest() {
    Row waiting;
    synchronized (pending) {
      waiting = pending.peekLast();
    }
    if (waiting != null) {
      return Optional.of(entry(waiting));
    }
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT seq, line, received_at FROM journal ORDER BY seq DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
    } catch (SQLException e) {
      throw new StoreException("journal look-up failed", e);
    }
  }

  /**
   * Returns how many journaled events of one type name this entity, by the source that sent them
   * (the empty string for none), indexed or not yet (as {@link #recent}): e.g. the reports naming a
   * number, by institution.
   */
  public java.util.Map<String, Long> countNamingBySource(
      EntityKind kind, String entity, EventType type) {
    return countNamingBySource(kind.wireName(), entity, type);
  }

  /**
   * As {@link #countNamingBySource(EntityKind, String, EventType)} for any kind the index holds: an
   * entity kind's wire name, or {@code url} or {@code app} for what reports point at (as the portal
   * normalises them, up to 256 characters).
   */
  public java.util.Map<String, Long> countNamingBySource(
      String kind, String entity, EventType type) {
    PartyIndex.Found found = parties.find(kind, entity, Integer.MAX_VALUE);
    try (Connection c = ds.getConnection()) {
      java.util.Map<String, Long> out = new java.util.TreeMap<>();
      for (JournalEntry e : unindexedNaming(c, found.indexed(), kind, entity, Integer.MAX_VALUE)) {
        if (e.event().type() == type) {
          String source = e.event().source();
          out.merge(source == null ? "" : source, 1L, Long::sum);
        }
      }
      long[] seqs = found.seqs();
      for (int from = 0; from < seqs.length; from += IN_CHUNK) {
        int n = Math.min(IN_CHUNK, seqs.length - from);
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT source, COUNT(*) FROM journal WHERE type = ? AND seq IN ("
                    + Jdbc.placeholders(n)
                    + ") GROUP BY source")) {
          ps.setString(1, type.wireName());
          for (int i = 0; i < n; i++) {
            ps.setLong(i + 2, seqs[from + i]);
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.merge(rs.getString(1) == null ? "" : rs.getString(1), rs.getLong(2), Long::sum);
            }
          }
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("journal look-up failed", e);
    }
  }

  /**
   * Returns up to {@code limit} events that name this entity, newest (highest sequence) first:
   * those the per-entity index holds, and those journaled since that it has not reached yet (read
   * from the journal, never indexed here: a look-up does not write). Events still only in the log,
   * ahead of the table, show a moment later.
   */
  public List<JournalEntry> recent(EntityKind kind, String entity, int limit) {
    PartyIndex.Found found = parties.find(kind.wireName(), entity, limit);
    try (Connection c = ds.getConnection()) {
      List<JournalEntry> out = unindexedNaming(c, found.indexed(), kind.wireName(), entity, limit);
      long[] seqs = found.seqs();
      int wanted = Math.min(seqs.length, limit - out.size());
      Map<Long, JournalEntry> bySeq = new HashMap<>();
      for (int from = 0; from < wanted; from += IN_CHUNK) {
        int n = Math.min(IN_CHUNK, wanted - from);
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT seq, line, received_at FROM journal WHERE seq IN ("
                    + Jdbc.placeholders(n)
                    + ")")) {
          for (int i = 0; i < n; i++) {
            ps.setLong(i + 1, seqs[from + i]);
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              bySeq.put(rs.getLong(1), entry(rs));
            }
          }
        }
      }
      for (int i = 0; i < wanted; i++) {
        JournalEntry e = bySeq.get(seqs[i]);
        if (e != null) {
          out.add(e);
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("journal look-up failed", e);
    }
  }

  /** Returns the last sequence number the per-entity index has reached. */
  public long indexedSeq() {
    return parties.indexed();
  }

  /**
   * Returns how many journaled events the per-entity index has not reached yet. Look-ups read them
   * from the journal's tail, which keeps the newest 20,000: past that, a look-up can miss some.
   */
  public long notIndexed() {
    long last;
    synchronized (pending) {
      Row newest = pending.peekLast();
      last = newest == null ? inTable : newest.seq();
    }
    return Math.max(0, last - parties.indexed());
  }

  /**
   * Returns how many runs the per-entity index is made of (decision 0034): merges keep it small.
   */
  public int indexRuns() {
    return parties.runCount();
  }

  /**
   * Up to {@code limit} of the journaled events after {@code indexed} (as {@link #unindexed}) that
   * name an entity, newest first: from the tail this process keeps when it reaches back that far,
   * else read from the log's queue and the table.
   */
  private List<JournalEntry> unindexedNaming(
      Connection c, long indexed, String kind, String entity, int limit) throws SQLException {
    List<JournalEntry> out = new ArrayList<>();
    List<JournalTail.Entry> kept = tail.naming(kind, entity, indexed, this::decode);
    if (kept != null) {
      for (JournalTail.Entry e : kept.subList(0, Math.min(limit, kept.size()))) {
        out.add(e.entry(this::decode));
      }
      return out;
    }
    for (JournalEntry e : unindexed(c, indexed)) {
      if (out.size() < limit && names(e, kind, entity)) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * The journaled events after {@code indexed}, newest first: what the indexer has not reached yet,
   * a few hundred at most while it keeps up (the newest {@value #UNINDEXED_READ}; beyond, a look-up
   * shows what is indexed). Those still in the log ahead of the table are read first: a row leaves
   * the log's queue only once the table has it, so none slips between the two reads (one read by
   * both counts once).
   */
  private List<JournalEntry> unindexed(Connection c, long indexed) throws SQLException {
    List<Row> ahead;
    synchronized (pending) {
      ahead = new ArrayList<>(pending);
    }
    java.util.TreeMap<Long, JournalEntry> bySeq =
        new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
    for (int i = ahead.size() - 1; i >= 0 && bySeq.size() < UNINDEXED_READ; i--) {
      Row r = ahead.get(i);
      if (r.seq() > indexed) {
        bySeq.put(r.seq(), entry(r));
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT seq, line, received_at FROM journal WHERE seq > ? ORDER BY seq DESC LIMIT ?")) {
      ps.setLong(1, indexed);
      ps.setInt(2, UNINDEXED_READ);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (!bySeq.containsKey(rs.getLong(1))) {
            bySeq.put(rs.getLong(1), entry(rs));
          }
        }
      }
    }
    return new ArrayList<>(bySeq.values());
  }

  private static boolean names(JournalEntry e, String kind, String entity) {
    for (EventParties.Party p : EventParties.of(e.event())) {
      if (p.kind().equals(kind) && p.entity().equals(entity)) {
        return true;
      }
    }
    return false;
  }

  private JournalEntry entry(ResultSet rs) throws SQLException {
    long seq = rs.getLong(1);
    OffsetDateTime at = rs.getObject(3, OffsetDateTime.class);
    return new JournalEntry(seq, decode(seq, rs.getString(2)), at.toInstant());
  }

  private JournalEntry entry(Row r) {
    return new JournalEntry(
        r.seq(), decode(r.seq(), r.line()), Instant.ofEpochMilli(r.receivedAt()));
  }

  /** Copies what waits in memory to the table and closes the log (a database being closed). */
  void close() {
    closed = true;
    if (copier != null) {
      copier.shutdown();
      try {
        copier.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (log != null) {
      try {
        copyPending();
      } finally {
        log.close(); // whatever the copy missed is still in the log, for the next open
      }
    }
  }

  private Event decode(long seq, String line) {
    ParseResult r = codec.parse(line, seq);
    if (r instanceof ParseResult.Accepted a) {
      return a.event();
    }
    // The line was written by this codec; failing to read it back means the journal or the codec
    // changed incompatibly, and replaying around it would silently diverge from the live state.
    throw new IllegalStateException(
        "journal seq "
            + seq
            + " no longer decodes: "
            + ((ParseResult.Rejected) r).rejection().describe());
  }
}

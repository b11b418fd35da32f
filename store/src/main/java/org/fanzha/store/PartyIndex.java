package org.fanzha.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.fanzha.store.EventParties.Party;

/**
 * The journal's per-entity index: which events name an entity (decision 0034). The newest events'
 * parties are held in memory; every {@code runEvents} events they are written to the database as
 * one run, sorted and keyed by a run number above all others, so the table is only appended to;
 * runs of one size are merged into one of the next when {@code fanout} of them exist. A look-up
 * reads the memory and one key range of each run, newest first.
 *
 * <p>Writing runs ({@link #settle}) and merging them ({@link #merge}) are separate steps, meant for
 * two threads: a merge of millions of events takes seconds, and new events keep being written as
 * runs meanwhile, so the part a look-up reads from the journal itself stays short.
 *
 * <p>One process indexes (the journal's one writer); any may look up. Runs are immutable and listed
 * in {@code journal_run}: written as {@code writing}, published as {@code live} in the transaction
 * that retires the runs a merge replaced, and those deleted by the next merging step (marked {@code
 * dropping} first). A look-up checks after its reads that no run it read is being deleted, else
 * reads again; after three tries it reads while this process deletes none.
 */
final class PartyIndex {

  /**
   * How runs are cut: events held in memory before they are written as a run, runs of one level
   * merged into one of the next, sequence numbers in one row at most.
   */
  record Shape(int runEvents, int fanout, int rowSeqs) {
    /**
     * 20,000 events a run: no more than a process that does not index reads past the runs from the
     * journal itself; a row of 4,096 numbers stays well under 64 KB.
     */
    static final Shape DEFAULT = new Shape(20_000, 8, 4_096);
  }

  /** Rows inserted per commit while a run is written. */
  private static final int INSERT_BATCH = 5_000;

  /** Rows of the runs being merged read into memory at once: the hash range is cut to fit. */
  private static final int MERGE_SLICE_ROWS = 50_000;

  /** Look-ups tried without waiting for this process's deletions of runs. */
  private static final int OPTIMISTIC_ATTEMPTS = 3;

  /*
   * One process indexes: the journal's one writer (a second writer would already collide on the
   * journal's keys). Two indexers would take the same run numbers and fail on the runs' key.
   */

  /** A run as {@code journal_run} lists it: the events in {@code (afterSeq, toSeq]}. */
  record Run(long id, int level, long afterSeq, long toSeq, long rows) {}

  /**
   * What a look-up found: the entity's sequence numbers, newest first, and the last sequence number
   * the index had reached (later events are not in it yet).
   */
  record Found(long indexed, long[] seqs) {}

  private final DataSource ds;
  private final int runEvents;
  private final int fanout;
  private final int rowSeqs;

  // Changed by the indexing step, read by look-ups.
  private Map<Party, SeqList> fresh = new HashMap<>(); // guarded by this
  private long freshAfter; // guarded by this: the runs hold everything up to it
  private long indexed; // guarded by this

  /** Held by this process's look-ups that would not retry again, and by deletions of runs. */
  private final ReadWriteLock dropping = new ReentrantReadWriteLock();

  // The writing step's own (its caller runs one step at a time).
  private int freshEvents;

  // Shared by the writing and the merging step.

  /** Whether runs left by a crash or a failed step are deleted; cleared by a failed step. */
  private volatile boolean tidied;

  /** The live runs as this process wrote them; replaced whole, under {@code runsLock}. */
  private volatile List<Run> runs = List.of();

  private final Object runsLock = new Object();
  private final AtomicLong nextRunId = new AtomicLong();

  /** Held by a merge, and by tidying, which must not delete the run a merge is writing. */
  private final ReentrantLock merging = new ReentrantLock();

  PartyIndex(DataSource ds, Shape shape) {
    this.ds = ds;
    this.runEvents = shape.runEvents();
    this.fanout = shape.fanout();
    this.rowSeqs = shape.rowSeqs();
    try (Connection c = ds.getConnection()) {
      long upTo = upTo(liveRuns(c));
      synchronized (this) {
        freshAfter = upTo;
        indexed = upTo;
      }
    } catch (SQLException e) {
      throw new StoreException("journal index state read failed", e);
    }
  }

  /** Returns the last sequence number indexed (in memory or in a run). */
  synchronized long indexed() {
    return indexed;
  }

  /** Adds the parties of the next event; its number must follow every number added before. */
  void add(long seq, Set<Party> parties) {
    synchronized (this) {
      for (Party p : parties) {
        fresh.computeIfAbsent(p, k -> new SeqList()).add(seq);
      }
      indexed = seq;
    }
    freshEvents++;
  }

  /**
   * Writes what memory holds as a run once it holds {@code runEvents} events. Called by the
   * indexing step after its adds; the first call (and the first after a failed step) first deletes
   * what a crash or the failure left half written.
   */
  void settle() {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      if (!tidied) {
        tidy(c);
      }
      if (freshEvents >= runEvents) {
        flush(c);
      }
    } catch (SQLException | RuntimeException e) {
      tidied = false; // a run half written is removed before the next one
      throw new StoreException("journal indexing failed", e);
    }
  }

  /**
   * Deletes the runs the last merges replaced, then merges every level that holds {@code fanout}
   * runs into one run of the next level, until {@code stopping} says so between levels; returns how
   * many merges were made. Safe beside {@link #settle} on another thread; merges run one at a time.
   * Does nothing before the first settle.
   */
  int merge(BooleanSupplier stopping) {
    // a connection first, then the lock: the order settle takes them in
    try (Connection c = ds.getConnection()) {
      merging.lock();
      try {
        if (!tidied) {
          return 0; // the writing step deletes what is half written first
        }
        c.setAutoCommit(false);
        // replaced by the merges before: look-ups that listed them then have had that long to read
        dropAll(c, "state = 'retired'");
        int merged = 0;
        for (int level = lowestFullLevel();
            level >= 0 && !stopping.getAsBoolean();
            level = lowestFullLevel()) {
          mergeLevel(c, level);
          merged++;
        }
        return merged;
      } finally {
        merging.unlock();
      }
    } catch (SQLException | RuntimeException e) {
      tidied = false; // the run this merge was writing is removed by the next settle
      throw new StoreException("journal index merge failed", e);
    }
  }

  /** As {@link #merge(BooleanSupplier)}, merging every full level. */
  int merge() {
    return merge(() -> false);
  }

  /** Deletes every run not live (half written, or replaced) and reads the live ones. */
  private void tidy(Connection c) throws SQLException {
    merging.lock();
    try {
      List<Run> live = dropAll(c, "state <> 'live'");
      synchronized (runsLock) {
        runs = live;
      }
      nextRunId.accumulateAndGet(maxRunId(c) + 1, Math::max);
      forgetWritten(live);
      tidied = true;
    } finally {
      merging.unlock();
    }
  }

  /** Returns how many live runs this process knows of (none before its first step). */
  int runCount() {
    return runs.size();
  }

  /** Returns the live runs, newest events first. */
  List<Run> runs() {
    try (Connection c = ds.getConnection()) {
      return liveRuns(c);
    } catch (SQLException e) {
      throw new StoreException("journal index read failed", e);
    }
  }

  /**
   * Returns up to {@code limit} sequence numbers of events naming the entity, newest first, with
   * the last number the index had reached.
   */
  Found find(String kind, String entity, int limit) {
    Party party = new Party(kind, entity);
    long hash = hash(kind, entity);
    long[] inMemory;
    long reached;
    synchronized (this) {
      SeqList l = fresh.get(party);
      inMemory = l == null ? new long[0] : java.util.Arrays.copyOf(l.array(), l.size());
      reached = indexed;
    }
    try (Connection c = ds.getConnection();
        PreparedStatement rows =
            c.prepareStatement(
                "SELECT first_seq, seqs FROM journal_party_run WHERE run_id = ? AND party_hash = ?"
                    + " AND entity_kind = ? AND entity = ? ORDER BY first_seq DESC")) {
      for (int attempt = 1; attempt <= OPTIMISTIC_ATTEMPTS; attempt++) {
        Reading r = read(c, rows, party, hash, inMemory, limit);
        if (stillReadable(c, r.used())) {
          return r.found(reached);
        }
      }
      // runs deleted under every attempt: read while this process deletes none
      dropping.readLock().lock();
      try {
        return read(c, rows, party, hash, inMemory, limit).found(reached);
      } finally {
        dropping.readLock().unlock();
      }
    } catch (SQLException e) {
      throw new StoreException("journal look-up failed", e);
    }
  }

  /** What one pass of a look-up read, and from which runs. */
  private record Reading(long upTo, SeqList seqs, List<Long> used) {
    Found found(long reached) {
      return new Found(Math.max(reached, upTo), java.util.Arrays.copyOf(seqs.array(), seqs.size()));
    }
  }

  private static Reading read(
      Connection c, PreparedStatement rows, Party party, long hash, long[] inMemory, int limit)
      throws SQLException {
    List<Run> live = liveRuns(c);
    long upTo = upTo(live);
    SeqList out = new SeqList();
    for (int i = inMemory.length - 1; i >= 0 && out.size() < limit; i--) {
      if (inMemory[i] > upTo) { // else written as a run since: read there
        out.add(inMemory[i]);
      }
    }
    List<Long> used = new ArrayList<>();
    for (Run r : live) {
      if (out.size() >= limit) {
        break;
      }
      used.add(r.id());
      rows.setLong(1, r.id());
      rows.setLong(2, hash);
      rows.setString(3, party.kind());
      rows.setString(4, party.entity());
      try (ResultSet rs = rows.executeQuery()) {
        while (rs.next() && out.size() < limit) {
          SeqList row = new SeqList();
          SeqDeltas.decode(rs.getLong(1), rs.getBytes(2), row);
          for (int i = row.size() - 1; i >= 0 && out.size() < limit; i--) {
            out.add(row.get(i));
          }
        }
      }
    }
    return new Reading(upTo, out, used);
  }

  /**
   * Whether the runs read are still whole: live, or retired by a merge but not being deleted. A run
   * published since adds only numbers above what was read, and is no reason to read again.
   */
  private static boolean stillReadable(Connection c, List<Long> used) throws SQLException {
    if (used.isEmpty()) {
      return true;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*) FROM journal_run WHERE state IN ('live', 'retired') AND run_id IN ("
                + Jdbc.placeholders(used.size())
                + ")")) {
      for (int i = 0; i < used.size(); i++) {
        ps.setLong(i + 1, used.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) == used.size();
      }
    }
  }

  /**
   * Drops from memory what the live runs already hold: a run published by a commit whose answer was
   * lost (the step failed after it) is not written twice.
   */
  private void forgetWritten(List<Run> live) {
    long upTo = live.stream().mapToLong(Run::toSeq).max().orElse(0);
    synchronized (this) {
      if (upTo <= freshAfter) {
        return;
      }
      Map<Party, SeqList> kept = new HashMap<>();
      fresh.forEach(
          (p, seqs) -> {
            for (int i = 0; i < seqs.size(); i++) {
              if (seqs.get(i) > upTo) {
                kept.computeIfAbsent(p, k -> new SeqList()).add(seqs.get(i));
              }
            }
          });
      fresh = kept;
      freshAfter = upTo;
      indexed = Math.max(indexed, upTo);
    }
  }

  private void flush(Connection c) throws SQLException {
    Map<Party, SeqList> part;
    long after;
    long to;
    synchronized (this) {
      part = fresh;
      after = freshAfter;
      to = indexed;
    }
    List<Hashed> sorted = new ArrayList<>(part.size());
    part.forEach((p, seqs) -> sorted.add(new Hashed(hash(p), p, seqs)));
    sorted.sort(Comparator.comparingLong(Hashed::hash));
    long id = begin(c, 0, after, to);
    long rows;
    try (RunWriter w = new RunWriter(c, id)) {
      for (Hashed h : sorted) {
        w.write(h.hash(), h.party(), h.seqs());
      }
      rows = w.finish();
    }
    publish(c, id, rows, List.of());
    synchronized (this) {
      fresh = new HashMap<>();
      freshAfter = to;
    }
    freshEvents = 0;
    replaceRuns(List.of(), new Run(id, 0, after, to, rows));
  }

  /** Lists a run written, in place of those it replaces. */
  private void replaceRuns(List<Run> replaced, Run written) {
    synchronized (runsLock) {
      List<Run> now = new ArrayList<>(runs);
      now.removeAll(replaced);
      now.add(written);
      runs = now;
    }
  }

  /**
   * Merges every run of a level into one of the next. The level's runs cover consecutive ranges:
   * runs are written in order at level 0 and every merge takes a whole level, so each level holds
   * older events than the one below it.
   */
  private void mergeLevel(Connection c, int level) throws SQLException {
    List<Run> inputs =
        runs.stream()
            .filter(r -> r.level() == level)
            .sorted(Comparator.comparingLong(Run::afterSeq))
            .toList();
    long after = inputs.get(0).afterSeq();
    long to = inputs.get(inputs.size() - 1).toSeq();
    long inRows = inputs.stream().mapToLong(Run::rows).sum();
    int slices = (int) Math.max(1, (inRows + MERGE_SLICE_ROWS - 1) / MERGE_SLICE_ROWS);
    long id = begin(c, level + 1, after, to);
    long rows;
    try (RunWriter w = new RunWriter(c, id);
        PreparedStatement read =
            c.prepareStatement(
                "SELECT party_hash, entity_kind, entity, first_seq, seqs FROM journal_party_run"
                    + " WHERE run_id = ? AND party_hash BETWEEN ? AND ?")) {
      for (int s = 0; s < slices; s++) {
        Map<Party, Gathered> slice = new HashMap<>();
        for (Run in : inputs) {
          read.setLong(1, in.id());
          read.setLong(2, sliceFrom(s, slices));
          read.setLong(3, sliceTo(s, slices));
          try (ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
              long hash = rs.getLong(1);
              slice
                  .computeIfAbsent(
                      new Party(rs.getString(2), rs.getString(3)), k -> new Gathered(hash))
                  .rows
                  .add(new PackedRow(rs.getLong(4), rs.getBytes(5)));
            }
          }
        }
        List<Map.Entry<Party, Gathered>> sorted = new ArrayList<>(slice.entrySet());
        sorted.sort(Comparator.comparingLong(e -> e.getValue().hash));
        for (Map.Entry<Party, Gathered> e : sorted) {
          w.write(e.getValue().hash, e.getKey(), e.getValue().seqs());
        }
      }
      rows = w.finish();
    }
    publish(c, id, rows, inputs); // the inputs are deleted by the next merge step
    replaceRuns(inputs, new Run(id, level + 1, after, to, rows));
  }

  private int lowestFullLevel() {
    Map<Integer, Integer> perLevel = new HashMap<>();
    int lowest = -1;
    for (Run r : runs) {
      if (perLevel.merge(r.level(), 1, Integer::sum) >= fanout
          && (lowest < 0 || r.level() < lowest)) {
        lowest = r.level();
      }
    }
    return lowest;
  }

  /** Lists a new run as being written and returns its number. */
  private long begin(Connection c, int level, long after, long to) throws SQLException {
    long id = nextRunId.getAndIncrement();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO journal_run (run_id, run_level, after_seq, to_seq, row_count, state)"
                + " VALUES (?, ?, ?, ?, 0, 'writing')")) {
      ps.setLong(1, id);
      ps.setInt(2, level);
      ps.setLong(3, after);
      ps.setLong(4, to);
      ps.executeUpdate();
    }
    c.commit();
    return id;
  }

  /**
   * Makes a written run live and retires the runs it replaces, in one transaction; fails, changing
   * nothing, unless each is still in the state this step left it in.
   */
  private static void publish(Connection c, long id, long rows, List<Run> retired)
      throws SQLException {
    try (PreparedStatement live =
            c.prepareStatement(
                "UPDATE journal_run SET state = 'live', row_count = ? WHERE run_id = ?"
                    + " AND state = 'writing'");
        PreparedStatement retire =
            c.prepareStatement(
                "UPDATE journal_run SET state = 'retired' WHERE run_id = ? AND state = 'live'")) {
      live.setLong(1, rows);
      live.setLong(2, id);
      boolean intact = live.executeUpdate() == 1;
      for (Run r : retired) {
        retire.setLong(1, r.id());
        intact &= retire.executeUpdate() == 1;
      }
      if (!intact) {
        c.rollback();
        throw new SQLException("run " + id + " or a run it replaces was changed by another step");
      }
    }
    c.commit();
  }

  /** Deletes the runs listed in a state ({@code where}) and returns the live runs. */
  private List<Run> dropAll(Connection c, String where) throws SQLException {
    List<Long> dead = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT run_id FROM journal_run WHERE " + where + " ORDER BY run_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        dead.add(rs.getLong(1));
      }
    }
    for (long id : dead) {
      // a run half written is listed with no rows yet: count them, to delete them in slices
      try (PreparedStatement ps =
          c.prepareStatement("SELECT COUNT(*) FROM journal_party_run WHERE run_id = ?")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          drop(c, id, rs.getLong(1));
        }
      }
    }
    return liveRuns(c);
  }

  /**
   * Deletes a run: marks it so that look-ups reading it read again, deletes its rows a hash range
   * per transaction, then its listing.
   */
  private void drop(Connection c, long id, long rows) throws SQLException {
    int slices = (int) Math.max(1, (rows + MERGE_SLICE_ROWS - 1) / MERGE_SLICE_ROWS);
    dropping.writeLock().lock();
    try (PreparedStatement mark =
            c.prepareStatement("UPDATE journal_run SET state = 'dropping' WHERE run_id = ?");
        PreparedStatement del =
            c.prepareStatement(
                "DELETE FROM journal_party_run WHERE run_id = ? AND party_hash BETWEEN ? AND ?");
        PreparedStatement unlist = c.prepareStatement("DELETE FROM journal_run WHERE run_id = ?")) {
      mark.setLong(1, id);
      mark.executeUpdate();
      c.commit();
      for (int s = 0; s < slices; s++) {
        del.setLong(1, id);
        del.setLong(2, sliceFrom(s, slices));
        del.setLong(3, sliceTo(s, slices));
        del.executeUpdate();
        c.commit();
      }
      unlist.setLong(1, id);
      unlist.executeUpdate();
      c.commit();
    } finally {
      dropping.writeLock().unlock();
    }
  }

  /** The live runs, newest events first. */
  private static List<Run> liveRuns(Connection c) throws SQLException {
    List<Run> out = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT run_id, run_level, after_seq, to_seq, row_count FROM journal_run"
                    + " WHERE state = 'live' ORDER BY to_seq DESC");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Run(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
      }
    }
    return out;
  }

  private static long upTo(List<Run> newestFirst) {
    return newestFirst.isEmpty() ? 0 : newestFirst.get(0).toSeq();
  }

  private static long maxRunId(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT GREATEST((SELECT COALESCE(MAX(run_id), 0) FROM journal_run),"
                    + " (SELECT COALESCE(MAX(run_id), 0) FROM journal_party_run))");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The hashes are cut into equal ranges, each read (or deleted) in one go. */
  private static long sliceFrom(int s, int slices) {
    return s * (Long.MAX_VALUE / slices + 1);
  }

  private static long sliceTo(int s, int slices) {
    return s == slices - 1 ? Long.MAX_VALUE : sliceFrom(s + 1, slices) - 1;
  }

  static long hash(Party p) {
    return hash(p.kind(), p.entity());
  }

  /**
   * A 63-bit hash of the entity, the runs' first key after the run: rows order by it the same way
   * in Java and in every database, whatever their collation of text (FNV-1a, then a mix so that the
   * ranges a merge reads at once hold about as many entities each).
   */
  static long hash(String kind, String entity) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < kind.length(); i++) {
      h = (h ^ kind.charAt(i)) * 0x100000001b3L;
    }
    h = (h ^ 0xFFFF) * 0x100000001b3L;
    for (int i = 0; i < entity.length(); i++) {
      h = (h ^ entity.charAt(i)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h >>> 1;
  }

  /** An entity held in memory, with its hash computed once for sorting. */
  private record Hashed(long hash, Party party, SeqList seqs) {}

  /** One row of a run being merged. */
  private record PackedRow(long first, byte[] gaps) {}

  /** One entity's rows from the runs being merged. */
  private static final class Gathered {
    final long hash;
    final List<PackedRow> rows = new ArrayList<>();

    Gathered(long hash) {
      this.hash = hash;
    }

    /** The sequence numbers of every row, ascending (the runs cover ranges apart). */
    SeqList seqs() {
      rows.sort(Comparator.comparingLong(PackedRow::first));
      SeqList all = new SeqList();
      for (PackedRow r : rows) {
        SeqDeltas.decode(r.first(), r.gaps(), all);
      }
      return all;
    }
  }

  /** Inserts a run's rows in key order, committing every few thousand. */
  private final class RunWriter implements AutoCloseable {
    private final Connection c;
    private final long runId;
    private final PreparedStatement insert;
    private int batched;
    private long rows;

    RunWriter(Connection c, long runId) throws SQLException {
      this.c = c;
      this.runId = runId;
      this.insert =
          c.prepareStatement(
              "INSERT INTO journal_party_run (run_id, party_hash, entity_kind, entity, first_seq,"
                  + " seqs) VALUES (?, ?, ?, ?, ?, ?)");
    }

    void write(long hash, Party p, SeqList seqs) throws SQLException {
      for (int from = 0; from < seqs.size(); from += rowSeqs) {
        int to = Math.min(seqs.size(), from + rowSeqs);
        insert.setLong(1, runId);
        insert.setLong(2, hash);
        insert.setString(3, p.kind());
        insert.setString(4, p.entity());
        insert.setLong(5, seqs.get(from));
        insert.setBytes(6, SeqDeltas.encode(seqs.array(), from, to));
        insert.addBatch();
        rows++;
        if (++batched == INSERT_BATCH) {
          commitBatch();
        }
      }
    }

    long finish() throws SQLException {
      commitBatch();
      return rows;
    }

    private void commitBatch() throws SQLException {
      if (batched > 0) {
        insert.executeBatch();
        c.commit();
        batched = 0;
      }
    }

    @Override
    public void close() throws SQLException {
      insert.close();
    }
  }
}

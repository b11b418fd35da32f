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
import javax.sql.DataSource;
import org.fanzha.store.EventParties.Party;

/**
 * The journal's per-entity index: which events name an entity (decision 0034). The newest events'
 * parties are held in memory; every {@code runEvents} events they are written to the database as
 * one run, sorted and keyed by a run number above all others, so the table is only appended to;
 * runs of one size are merged into one of the next when {@code fanout} of them exist. A look-up
 * reads the memory and one key range of each run, newest first.
 *
 * <p>One process indexes (the journal's one writer); any may look up. Runs are immutable and listed
 * in {@code journal_run}: written as {@code writing}, published as {@code live} in the transaction
 * that retires the runs a merge replaced, deleted after that. A look-up reads the list again after
 * its reads and starts over if it changed, so it never misses what a merge moved.
 */
final class PartyIndex {

  /** Events held in memory before they are written as a run. */
  static final int RUN_EVENTS = 50_000;

  /** Runs of one level merged into one of the next. */
  static final int FANOUT = 8;

  /** Sequence numbers in one row at most (a row stays well under 64 KB). */
  static final int ROW_SEQS = 4_096;

  /** Rows inserted per commit while a run is written. */
  private static final int INSERT_BATCH = 5_000;

  /** Rows of the runs being merged read into memory at once: the hash range is cut to fit. */
  private static final int MERGE_SLICE_ROWS = 50_000;

  private static final int LOOK_UP_ATTEMPTS = 10;

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

  // The indexing step's own (its caller runs one step at a time).
  private int freshEvents;
  private boolean tidied;
  private List<Run> runs = List.of();
  private long nextRunId;

  PartyIndex(DataSource ds, int runEvents, int fanout, int rowSeqs) {
    this.ds = ds;
    this.runEvents = runEvents;
    this.fanout = fanout;
    this.rowSeqs = rowSeqs;
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
   * Writes what memory holds as a run once it holds {@code runEvents} events (or {@code always}),
   * then merges full levels. Called by the indexing step after its adds.
   */
  void settle(boolean always) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      if (!tidied) {
        runs = tidy(c);
        nextRunId = Math.max(nextRunId, maxRunId(c) + 1);
        tidied = true;
      }
      if (freshEvents >= runEvents || (always && freshEvents > 0)) {
        flush(c);
      }
      for (int level = lowestFullLevel(); level >= 0; level = lowestFullLevel()) {
        merge(c, level);
      }
    } catch (SQLException | RuntimeException e) {
      tidied = false; // a run half written is removed before the next one
      throw new StoreException("journal indexing failed", e);
    }
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
      for (int attempt = 1; ; attempt++) {
        List<Run> live = liveRuns(c);
        long upTo = upTo(live);
        SeqList out = new SeqList();
        for (int i = inMemory.length - 1; i >= 0 && out.size() < limit; i--) {
          if (inMemory[i] > upTo) { // else written as a run since: read there
            out.add(inMemory[i]);
          }
        }
        for (Run r : live) {
          if (out.size() >= limit) {
            break;
          }
          rows.setLong(1, r.id());
          rows.setLong(2, hash);
          rows.setString(3, kind);
          rows.setString(4, entity);
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
        if (live.equals(liveRuns(c)) || attempt == LOOK_UP_ATTEMPTS) {
          // after many merges in a row (never seen), the answer may miss what the last one moved
          return new Found(
              Math.max(reached, upTo), java.util.Arrays.copyOf(out.array(), out.size()));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("journal look-up failed", e);
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
    List<Run> now = new ArrayList<>(runs);
    now.add(new Run(id, 0, after, to, rows));
    runs = now;
  }

  private void merge(Connection c, int level) throws SQLException {
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
    publish(c, id, rows, inputs);
    List<Run> now = new ArrayList<>(runs);
    now.removeAll(inputs);
    now.add(new Run(id, level + 1, after, to, rows));
    runs = now;
    for (Run in : inputs) {
      drop(c, in);
    }
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
    long id = nextRunId++;
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

  /** Makes a written run live and retires the runs it replaces, in one transaction. */
  private static void publish(Connection c, long id, long rows, List<Run> retired)
      throws SQLException {
    try (PreparedStatement live =
            c.prepareStatement(
                "UPDATE journal_run SET state = 'live', row_count = ? WHERE run_id = ?");
        PreparedStatement retire =
            c.prepareStatement("UPDATE journal_run SET state = 'retired' WHERE run_id = ?")) {
      live.setLong(1, rows);
      live.setLong(2, id);
      live.executeUpdate();
      for (Run r : retired) {
        retire.setLong(1, r.id());
        retire.executeUpdate();
      }
    }
    c.commit();
  }

  /**
   * Deletes what is not live (a run half written, runs a merge replaced) and returns the live runs.
   */
  private List<Run> tidy(Connection c) throws SQLException {
    List<Run> dead = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT run_id, row_count FROM journal_run WHERE state <> 'live' ORDER BY run_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        // a run half written counts no rows yet: its rows go in one statement
        dead.add(new Run(rs.getLong(1), 0, 0, 0, rs.getLong(2)));
      }
    }
    for (Run r : dead) {
      drop(c, r);
    }
    return liveRuns(c);
  }

  /** Deletes a run's rows, a hash range per transaction, then its listing. */
  private void drop(Connection c, Run r) throws SQLException {
    int slices = (int) Math.max(1, (r.rows() + MERGE_SLICE_ROWS - 1) / MERGE_SLICE_ROWS);
    try (PreparedStatement del =
        c.prepareStatement(
            "DELETE FROM journal_party_run WHERE run_id = ? AND party_hash BETWEEN ? AND ?")) {
      for (int s = 0; s < slices; s++) {
        del.setLong(1, r.id());
        del.setLong(2, sliceFrom(s, slices));
        del.setLong(3, sliceTo(s, slices));
        del.executeUpdate();
        c.commit();
      }
    }
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM journal_run WHERE run_id = ?")) {
      ps.setLong(1, r.id());
      ps.executeUpdate();
    }
    c.commit();
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

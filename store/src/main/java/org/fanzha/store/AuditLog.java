package org.fanzha.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.fanzha.core.event.EntityKind;

/**
 * The tamper-evident log of look-ups of personal data (DESIGN principle 5; 反电信网络诈骗法 第5、29条). Each
 * row's hash is SHA-256 over the previous row's hash and the row's own fields, so changing or
 * deleting any row breaks every hash after it; {@link #verify()} finds the first break.
 */
public final class AuditLog {

  /** The hash before the first row. */
  static final String GENESIS = "0".repeat(64);

  private final DataSource ds;
  private final Clock clock;
  private final Object writeLock = new Object();

  AuditLog(DataSource ds) {
    this(ds, Clock.systemUTC());
  }

  AuditLog(DataSource ds, Clock clock) {
    this.ds = ds;
    this.clock = clock;
  }

  /**
   * Appends one look-up and commits; returns the stored entry with its id and hash.
   *
   * @param roles the caller's roles, e.g. {@code ANALYST,ADMIN}, or {@code ANONYMOUS}
   * @param action what was looked up, e.g. {@code entity.view}
   */
  public AuditEntry record(
      String actor, String roles, String action, EntityKind kind, String entity, boolean unmasked) {
    return record(actor, roles, action, kind.wireName(), entity, unmasked);
  }

  /**
   * Appends one act of staff that concerns no entity ({@code subjectKind} {@code user}, {@code
   * rules} …) and commits.
   */
  public AuditEntry recordChange(
      String actor, String roles, String action, String subjectKind, String subject) {
    return record(actor, roles, action, subjectKind, subject, false);
  }

  /** One act to record: who, with which roles, did what to which entity. */
  public record Act(
      String actor,
      String roles,
      String action,
      EntityKind kind,
      String entity,
      boolean unmasked) {}

  /**
   * Appends several acts in one commit, in order (a scan that acted on thousands of entities);
   * returns the stored entries.
   */
  public List<AuditEntry> recordAll(List<Act> acts) {
    return write(rows(acts));
  }

  private record Row(
      String actor, String roles, String action, String kind, String entity, boolean unmasked) {}

  private AuditEntry record(
      String actor, String roles, String action, String kind, String entity, boolean unmasked) {
    return write(List.of(new Row(actor, roles, action, kind, entity, unmasked))).get(0);
  }

  private List<AuditEntry> write(List<Row> rows) {
    return transaction("audit", (c, audit) -> append(c, rows));
  }

  /** Appends acts to the chain inside an {@link AuditedWork}'s transaction. */
  public interface Recorder {
    List<AuditEntry> record(List<Act> acts) throws SQLException;
  }

  /** Work on the store whose acts are recorded in its own transaction. */
  public interface AuditedWork<T> {
    T run(Connection c, Recorder audit) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction with the chain held, so what it writes and the audit rows
   * of it commit together or not at all: a commit that lands and then reports a failure can no
   * longer leave acts done but unrecorded, nor recorded twice when retried.
   *
   * @param what names what is written, for the error
   */
  public <T> T transaction(String what, AuditedWork<T> work) {
    synchronized (writeLock) { // the chain's last row is read and extended by one writer at a time
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try {
          T out = work.run(c, acts -> append(c, rows(acts)));
          c.commit();
          return out;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        throw new StoreException(what + " not written", e);
      }
    }
  }

  private static List<Row> rows(List<Act> acts) {
    List<Row> rows = new ArrayList<>(acts.size());
    for (Act a : acts) {
      rows.add(
          new Row(a.actor(), a.roles(), a.action(), a.kind().wireName(), a.entity(), a.unmasked()));
    }
    return rows;
  }

  /** Appends rows after the chain's last one on {@code c}, whose transaction the caller commits. */
  private List<AuditEntry> append(Connection c, List<Row> rows) throws SQLException {
    long id;
    String prev;
    try (PreparedStatement ps =
            c.prepareStatement("SELECT id, hash FROM lookup_audit ORDER BY id DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      if (rs.next()) {
        id = rs.getLong(1);
        prev = rs.getString(2);
      } else { // nothing yet, or retention cut everything: go on from the anchor
        Anchor a = anchor(c);
        id = a.id();
        prev = a.hash();
      }
    }
    List<AuditEntry> written = new ArrayList<>(rows.size());
    try (PreparedStatement ins =
        c.prepareStatement(
            "INSERT INTO lookup_audit (id, at_ms, actor, roles, action, entity_kind, entity, unmasked, prev_hash, hash)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Row r : rows) {
        id++;
        long at = clock.millis();
        String hash =
            hash(
                prev, id, at, r.actor(), r.roles(), r.action(), r.kind(), r.entity(), r.unmasked());
        ins.setLong(1, id);
        ins.setLong(2, at);
        ins.setString(3, r.actor());
        ins.setString(4, r.roles());
        ins.setString(5, r.action());
        ins.setString(6, r.kind());
        ins.setString(7, r.entity());
        ins.setBoolean(8, r.unmasked());
        ins.setString(9, prev);
        ins.setString(10, hash);
        ins.addBatch();
        written.add(
            new AuditEntry(
                id,
                Instant.ofEpochMilli(at),
                r.actor(),
                r.roles(),
                r.action(),
                r.kind(),
                r.entity(),
                r.unmasked(),
                prev,
                hash));
        prev = hash;
      }
      ins.executeBatch();
    }
    return written;
  }

  /** Returns the newest entries first, at most {@code limit}. */
  public List<AuditEntry> recent(int limit) {
    String sql =
        "SELECT id, at_ms, actor, roles, action, entity_kind, entity, unmasked, prev_hash, hash"
            + " FROM lookup_audit ORDER BY id DESC LIMIT ?";
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, Math.max(0, limit));
      List<AuditEntry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(entry(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("audit read failed", e);
    }
  }

  /** Returns how many look-ups are logged. */
  public long count() {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM lookup_audit");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("audit count failed", e);
    }
  }

  /**
   * Recomputes the chain from the first row (after the newest retention anchor); returns the id of
   * the first row whose hash or link does not match (edited, inserted or deleted rows), or empty
   * when the chain is intact.
   */
  public OptionalLong verify() {
    String sql =
        "SELECT id, at_ms, actor, roles, action, entity_kind, entity, unmasked, prev_hash, hash FROM lookup_audit ORDER BY id";
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setFetchSize(1000);
        Anchor anchor = anchor(c);
        String prev = anchor.hash();
        long expectedId = anchor.id() + 1;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            AuditEntry e = entry(rs);
            if (!follows(e, expectedId, prev)) {
              c.commit();
              return OptionalLong.of(e.id());
            }
            prev = e.hash();
            expectedId++;
          }
        }
        c.commit();
        return OptionalLong.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("audit verification failed", e);
    }
  }

  /**
   * Where the chain starts: the last row cut by retention, or the genesis (id 0) when nothing was
   * cut.
   */
  public record Anchor(long id, String hash, long cutAtMs, long rowsCut) {}

  /** Returns the newest retention anchor, or the genesis. */
  public Anchor anchor() {
    try (Connection c = ds.getConnection()) {
      return anchor(c);
    } catch (SQLException e) {
      throw new StoreException("audit anchor read failed", e);
    }
  }

  private static Anchor anchor(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, hash, cut_at_ms, rows_cut FROM audit_anchor ORDER BY id DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next()
          ? new Anchor(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4))
          : new Anchor(0, GENESIS, 0, 0);
    }
  }

  /**
   * Cuts the rows written before {@code beforeMs} from the front of the chain, leaving the last
   * one's id and hash as the anchor verification starts from; returns how many rows were cut. A
   * chain already broken there is not cut: retention must not erase the evidence of an alteration.
   *
   * @throws IllegalStateException when the rows to cut do not verify
   */
  public long cutBefore(long beforeMs) {
    synchronized (writeLock) {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try {
          Anchor from = anchor(c);
          long last = -1;
          String lastHash = null;
          long rows = 0;
          String prev = from.hash();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, at_ms, actor, roles, action, entity_kind, entity, "
                      + "unmasked, prev_hash, hash FROM lookup_audit WHERE id > ? ORDER BY id")) {
            ps.setLong(1, from.id());
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                AuditEntry e = entry(rs);
                if (e.at().toEpochMilli() >= beforeMs) {
                  break;
                }
                if (!follows(e, from.id() + rows + 1, prev)) {
                  throw new IllegalStateException(
                      "audit chain broken at row " + e.id() + "; nothing cut");
                }
                prev = e.hash();
                last = e.id();
                lastHash = e.hash();
                rows++;
              }
            }
          }
          if (rows == 0) {
            c.rollback();
            return 0;
          }
          try (PreparedStatement ins =
                  c.prepareStatement(
                      "INSERT INTO audit_anchor (id, hash, cut_at_ms, rows_cut) VALUES (?, ?, ?, ?)");
              PreparedStatement del =
                  c.prepareStatement("DELETE FROM lookup_audit WHERE id <= ?")) {
            ins.setLong(1, last);
            ins.setString(2, lastHash);
            ins.setLong(3, clock.millis());
            ins.setLong(4, rows);
            ins.executeUpdate();
            del.setLong(1, last);
            del.executeUpdate();
          }
          c.commit();
          return rows;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        throw new StoreException("audit retention failed", e);
      }
    }
  }

  /**
   * Whether a row is the one expected next: its id, its link to the previous hash, and its own hash
   * all match.
   */
  private static boolean follows(AuditEntry e, long expectedId, String prev) {
    return e.id() == expectedId
        && e.prevHash().equals(prev)
        && e.hash()
            .equals(
                hash(
                    prev,
                    e.id(),
                    e.at().toEpochMilli(),
                    e.actor(),
                    e.roles(),
                    e.action(),
                    e.subjectKind(),
                    e.entity(),
                    e.unmasked()));
  }

  private static AuditEntry entry(ResultSet rs) throws SQLException {
    return new AuditEntry(
        rs.getLong(1),
        Instant.ofEpochMilli(rs.getLong(2)),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getBoolean(8),
        rs.getString(9),
        rs.getString(10));
  }

  static String hash(
      String prev,
      long id,
      long atMs,
      String actor,
      String roles,
      String action,
      String kind,
      String entity,
      boolean unmasked) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    // Fields are length-prefixed so that no two different rows can hash the same text.
    StringBuilder sb = new StringBuilder(256).append(prev);
    for (String f :
        new String[] {
          Long.toString(id),
          Long.toString(atMs),
          actor,
          roles,
          action,
          kind,
          entity,
          Boolean.toString(unmasked)
        }) {
      sb.append('|').append(f.length()).append(':').append(f);
    }
    return HexFormat.of().formatHex(sha.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
  }
}

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
 * The tamper-evident log of look-ups of personal data (DESIGN principle 5; 反电信网络诈骗法 第5、29条).
 * Each row's hash is SHA-256 over the previous row's hash and the row's own fields, so changing or
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
  public AuditEntry record(String actor, String roles, String action, EntityKind kind, String entity, boolean unmasked) {
    return record(actor, roles, action, kind.wireName(), entity, unmasked);
  }

  /**
   * Appends one act of staff that concerns no entity ({@code subjectKind} {@code user}, {@code rules} …) and commits.
   */
  public AuditEntry recordChange(String actor, String roles, String action, String subjectKind, String subject) {
    return record(actor, roles, action, subjectKind, subject, false);
  }

  private AuditEntry record(String actor, String roles, String action, String kind, String entity, boolean unmasked) {
    synchronized (writeLock) {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try {
          long id = 1;
          String prev = GENESIS;
          try (PreparedStatement ps = c.prepareStatement("SELECT id, hash FROM lookup_audit ORDER BY id DESC LIMIT 1");
              ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              id = rs.getLong(1) + 1;
              prev = rs.getString(2);
            }
          }
          long at = clock.millis();
          String hash = hash(prev, id, at, actor, roles, action, kind, entity, unmasked);
          try (PreparedStatement ins = c.prepareStatement(
              "INSERT INTO lookup_audit (id, at_ms, actor, roles, action, entity_kind, entity, unmasked, prev_hash, hash)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ins.setLong(1, id);
            ins.setLong(2, at);
            ins.setString(3, actor);
            ins.setString(4, roles);
            ins.setString(5, action);
            ins.setString(6, kind);
            ins.setString(7, entity);
            ins.setBoolean(8, unmasked);
            ins.setString(9, prev);
            ins.setString(10, hash);
            ins.executeUpdate();
          }
          c.commit();
          return new AuditEntry(id, Instant.ofEpochMilli(at), actor, roles, action, kind, entity, unmasked, prev, hash);
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        throw new StoreException("audit write failed", e);
      }
    }
  }

  /** Returns the newest entries first, at most {@code limit}. */
  public List<AuditEntry> recent(int limit) {
    String sql = "SELECT id, at_ms, actor, roles, action, entity_kind, entity, unmasked, prev_hash, hash"
        + " FROM lookup_audit ORDER BY id DESC LIMIT ?";
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
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
   * Recomputes the chain from the first row; returns the id of the first row whose hash or link
   * does not match (edited, inserted or deleted rows), or empty when the chain is intact.
   */
  public OptionalLong verify() {
    String sql = "SELECT id, at_ms, actor, roles, action, entity_kind, entity, unmasked, prev_hash, hash FROM lookup_audit ORDER BY id";
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setFetchSize(1000);
        String prev = GENESIS;
        long expectedId = 1;
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            AuditEntry e = entry(rs);
            String recomputed = hash(prev, e.id(), e.at().toEpochMilli(), e.actor(), e.roles(), e.action(),
                e.subjectKind(), e.entity(), e.unmasked());
            if (e.id() != expectedId || !e.prevHash().equals(prev) || !e.hash().equals(recomputed)) {
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

  private static AuditEntry entry(ResultSet rs) throws SQLException {
    return new AuditEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getString(9), rs.getString(10));
  }

  static String hash(String prev, long id, long atMs, String actor, String roles, String action, String kind,
      String entity, boolean unmasked) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    // Fields are length-prefixed so that no two different rows can hash the same text.
    StringBuilder sb = new StringBuilder(256).append(prev);
    for (String f : new String[] {Long.toString(id), Long.toString(atMs), actor, roles, action, kind, entity,
        Boolean.toString(unmasked)}) {
      sb.append('|').append(f.length()).append(':').append(f);
    }
    return HexFormat.of().formatHex(sha.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
  }
}

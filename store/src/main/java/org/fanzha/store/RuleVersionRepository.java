package org.fanzha.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Rule set versions (table {@code rule_version}). The text of a version never changes; only its
 * state does, and publishing moves the live mark in one transaction, so there is never more than
 * one live version.
 */
public final class RuleVersionRepository {

  private static final String COLUMNS =
      "version, state, source, author, created_at_ms, published_by, published_at_ms, note";

  private final DataSource ds;
  private final Object writeLock = new Object();

  RuleVersionRepository(DataSource ds) {
    this.ds = ds;
  }

  /** Stores a new draft with the next version number and returns that number. */
  public long insertDraft(String source, String author, long atMillis, @Nullable String note) {
    synchronized (writeLock) {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try {
          long next;
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT COALESCE(MAX(version), 0) + 1 FROM rule_version");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            next = rs.getLong(1);
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO rule_version (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, next);
            ps.setString(2, RuleVersion.DRAFT);
            ps.setString(3, source);
            ps.setString(4, author);
            ps.setLong(5, atMillis);
            ps.setNull(6, Types.VARCHAR);
            ps.setNull(7, Types.BIGINT);
            ps.setString(8, note);
            ps.executeUpdate();
          }
          c.commit();
          return next;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        throw new StoreException("rule version not stored", e);
      }
    }
  }

  /** Returns one version. */
  public Optional<RuleVersion> find(long version) {
    List<RuleVersion> l =
        query("SELECT " + COLUMNS + " FROM rule_version WHERE version = ?", version);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  /** Returns the live version, if any was published. */
  public Optional<RuleVersion> live() {
    List<RuleVersion> l =
        query(
            "SELECT " + COLUMNS + " FROM rule_version WHERE state = '" + RuleVersion.LIVE + "'",
            null);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  /** Returns every version, newest first. */
  public List<RuleVersion> list() {
    return query("SELECT " + COLUMNS + " FROM rule_version ORDER BY version DESC", null);
  }

  /**
   * Sets the state of a version other than the live one; returns false when it does not exist or is
   * live.
   */
  public boolean setState(long version, String state) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE rule_version SET state = ? WHERE version = ? AND state <> ?")) {
      ps.setString(1, state);
      ps.setLong(2, version);
      ps.setString(3, RuleVersion.LIVE);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreException("rule version state not changed", e);
    }
  }

  /**
   * Makes {@code version} the live one and retires the previous live version, in one transaction.
   */
  public void publish(long version, String by, long atMillis) {
    synchronized (writeLock) {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE rule_version SET state = ? WHERE state = ?")) {
            ps.setString(1, RuleVersion.RETIRED);
            ps.setString(2, RuleVersion.LIVE);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE rule_version SET state = ?, published_by = ?, published_at_ms = ? WHERE version = ?")) {
            ps.setString(1, RuleVersion.LIVE);
            ps.setString(2, by);
            ps.setLong(3, atMillis);
            ps.setLong(4, version);
            if (ps.executeUpdate() != 1) {
              throw new SQLException("no rule version " + version);
            }
          }
          c.commit();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        throw new StoreException("rule version " + version + " not published", e);
      }
    }
  }

  private List<RuleVersion> query(String sql, @Nullable Long arg) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      if (arg != null) {
        ps.setLong(1, arg);
      }
      List<RuleVersion> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long published = rs.getLong(7);
          Long at = rs.wasNull() ? null : published;
          out.add(
              new RuleVersion(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getLong(5),
                  rs.getString(6),
                  at,
                  rs.getString(8)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("rule version read failed", e);
    }
  }
}

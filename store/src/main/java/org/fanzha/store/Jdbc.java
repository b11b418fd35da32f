package org.fanzha.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The few JDBC moves the list and appeal repositories make: bind, run, map rows, with nullable
 * columns.
 */
final class Jdbc {

  /** Sets a statement's parameters. */
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Reads one row. */
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final DataSource ds;
  private final String what;

  Jdbc(DataSource ds, String what) {
    this.ds = ds;
    this.what = what;
  }

  <T> List<T> query(String sql, Binder binder, Row<T> row) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row.map(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw new StoreException(what + " not read", e);
    }
  }

  /** Runs one statement in its own transaction; returns the rows changed. */
  int update(String sql, Binder binder) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException(what + " not written", e);
    }
  }

  /**
   * Runs one insert; returns false, changing nothing, when a unique key it would repeat is taken
   * already.
   */
  boolean insertUnlessTaken(String sql, Binder binder) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) { // unique violation, in H2 and PostgreSQL alike
        return false;
      }
      throw new StoreException(what + " not written", e);
    }
  }

  /** Work done on one connection inside a transaction. */
  interface Work {
    void run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   */
  void transaction(Work work) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(what + " not written", e);
    }
  }

  /** Returns {@code n} comma-separated parameter marks, for an {@code IN (…)} list. */
  static String placeholders(int n) {
    StringBuilder sb = new StringBuilder(n * 2);
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "?" : ",?");
    }
    return sb.toString();
  }

  static void setLong(PreparedStatement ps, int i, @Nullable Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  static @Nullable Long getLong(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : v;
  }
}

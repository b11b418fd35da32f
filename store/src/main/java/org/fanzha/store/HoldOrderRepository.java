package org.fanzha.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Stop and freeze orders with their full history (tables {@code hold_order}, {@code
 * hold_transition}). History rows are only ever inserted; an order's row carries a version (its
 * number of steps), and {@link #update} writes only over the version the change was decided on, so
 * two people acting on one order at once cannot both succeed.
 */
public final class HoldOrderRepository {

  private static final String COLUMNS =
      "id, kind, account, amount_fen, case_ref, state, term_ms, expires_at_ms, renewals, version, created_at_ms";

  private final DataSource ds;

  HoldOrderRepository(DataSource ds) {
    this.ds = ds;
  }

  /**
   * Stores a new order with its history and commits.
   *
   * @throws StoreException if the id is taken or the database fails
   */
  public void insert(HoldRecord r) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO hold_order ("
                    + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
          ps.setString(1, r.id());
          ps.setString(2, r.kind());
          ps.setString(3, r.account());
          ps.setLong(4, r.amountFen());
          ps.setString(5, r.caseRef());
          ps.setString(6, r.state());
          ps.setLong(7, r.termMillis());
          setNullableLong(ps, 8, r.expiresAtMillis());
          ps.setInt(9, r.renewals());
          ps.setInt(10, r.history().size());
          ps.setLong(11, r.history().get(0).atMillis());
          ps.executeUpdate();
        }
        insertSteps(c, r, 0);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("hold order " + r.id() + " not stored", e);
    }
  }

  /**
   * Writes the order's new state and the steps after the first {@code expectedSteps}, and commits;
   * returns false (writing nothing) when the stored order no longer has {@code expectedSteps}
   * steps, i.e. someone else changed it meanwhile, or it does not exist.
   */
  public boolean update(HoldRecord r, int expectedSteps) {
    if (r.history().size() <= expectedSteps) {
      throw new IllegalArgumentException(
          "hold "
              + r.id()
              + ": an update must add steps (has "
              + r.history().size()
              + ", stored "
              + expectedSteps
              + ")");
    }
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        int n;
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE hold_order SET state = ?, expires_at_ms = ?,"
                    + " renewals = ?, version = ? WHERE id = ? AND version = ?")) {
          ps.setString(1, r.state());
          setNullableLong(ps, 2, r.expiresAtMillis());
          ps.setInt(3, r.renewals());
          ps.setInt(4, r.history().size());
          ps.setString(5, r.id());
          ps.setInt(6, expectedSteps);
          n = ps.executeUpdate();
        }
        if (n == 0) {
          c.rollback();
          return false;
        }
        insertSteps(c, r, expectedSteps);
        c.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("hold order " + r.id() + " not updated", e);
    }
  }

  /** Returns the order with this id and its history, if stored. */
  public Optional<HoldRecord> find(String id) {
    List<HoldRecord> l =
        query("SELECT " + COLUMNS + " FROM hold_order WHERE id = ?", ps -> ps.setString(1, id));
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  /** Returns the orders on an account, newest first. */
  public List<HoldRecord> forAccount(String account) {
    return query(
        "SELECT "
            + COLUMNS
            + " FROM hold_order WHERE account = ? ORDER BY created_at_ms DESC, id DESC",
        ps -> ps.setString(1, account));
  }

  /** Returns up to {@code limit} orders, newest first. */
  public List<HoldRecord> recent(int limit) {
    return query(
        "SELECT " + COLUMNS + " FROM hold_order ORDER BY created_at_ms DESC, id DESC LIMIT ?",
        ps -> ps.setInt(1, Math.max(0, limit)));
  }

  /** Returns how many orders are stored. */
  public long count() {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM hold_order");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("hold order count failed", e);
    }
  }

  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private record Header(
      String id,
      String kind,
      String account,
      long amountFen,
      String caseRef,
      String state,
      long termMillis,
      @Nullable Long expiresAtMillis,
      int renewals,
      int version) {}

  private List<HoldRecord> query(String sql, Binder binder) {
    try (Connection c = ds.getConnection()) {
      // Header and steps in one transaction, so a concurrent update cannot tear them apart.
      c.setAutoCommit(false);
      try {
        Map<String, Header> headers = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          binder.bind(ps);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              Header h =
                  new Header(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getString(3),
                      rs.getLong(4),
                      rs.getString(5),
                      rs.getString(6),
                      rs.getLong(7),
                      nullableLong(rs, 8),
                      rs.getInt(9),
                      rs.getInt(10));
              headers.put(h.id(), h);
            }
          }
        }
        List<HoldRecord> out = new ArrayList<>(headers.size());
        for (Header h : headers.values()) {
          out.add(
              new HoldRecord(
                  h.id(),
                  h.kind(),
                  h.account(),
                  h.amountFen(),
                  h.caseRef(),
                  h.state(),
                  h.termMillis(),
                  h.expiresAtMillis(),
                  h.renewals(),
                  steps(c, h.id(), h.version())));
        }
        c.commit();
        return out;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("hold order look-up failed", e);
    }
  }

  private static List<HoldRecord.Step> steps(Connection c, String id, int version)
      throws SQLException {
    List<HoldRecord.Step> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT from_state, to_state, at_ms, actor, note, expires_at_ms"
                + " FROM hold_transition WHERE order_id = ? AND step < ? ORDER BY step")) {
      ps.setString(1, id);
      ps.setInt(2, version);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new HoldRecord.Step(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getLong(3),
                  rs.getString(4),
                  rs.getString(5),
                  nullableLong(rs, 6)));
        }
      }
    }
    return out;
  }

  private static void insertSteps(Connection c, HoldRecord r, int from) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO hold_transition"
                + " (order_id, step, from_state, to_state, at_ms, actor, note, expires_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = from; i < r.history().size(); i++) {
        HoldRecord.Step s = r.history().get(i);
        ps.setString(1, r.id());
        ps.setInt(2, i);
        ps.setString(3, s.from());
        ps.setString(4, s.to());
        ps.setLong(5, s.atMillis());
        ps.setString(6, s.actor());
        ps.setString(7, s.note());
        setNullableLong(ps, 8, s.expiresAtMillis());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void setNullableLong(PreparedStatement ps, int i, @Nullable Long v)
      throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  private static @Nullable Long nullableLong(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : v;
  }
}

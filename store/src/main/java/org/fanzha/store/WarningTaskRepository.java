package org.fanzha.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Dissuasion tasks and their timelines (tables {@code warning_task}, {@code warning_step}). A
 * change is written with one new step and only over the version it was decided on, so two analysts
 * closing one task cannot both succeed; a step naming an engine warning already recorded is
 * refused, so a warning seen twice changes nothing.
 */
public final class WarningTaskRepository {

  /** What a change may write: every column but the id and the two times of the task's start. */
  private static final String STATE =
      "last_ts_ms, victim_phone, victim_account, contact, region, severity, fraud_type, "
          + "evidence, unit, channel, due_at_ms, status, outcome, amount_protected_fen, note, closed_by, closed_at_ms, version";

  private static final String COLUMNS = "id, raised_ts_ms, created_at_ms, " + STATE;

  private final DataSource ds;

  /**
   * Phones ({@code p:}) and accounts ({@code a:}) that may have an open task: those open when first
   * asked, and every one an open task written since has named. A payer outside it has none, so a
   * decision about an ordinary payer asks the database nothing. A task closed leaves its keys; the
   * look-up then finds nothing, as before. Exact while this repository is the tasks' one writer, as
   * the server is.
   */
  private final Set<String> mayBeOpen = ConcurrentHashMap.newKeySet();

  private volatile boolean mayBeOpenLoaded;

  WarningTaskRepository(DataSource ds) {
    this.ds = ds;
  }

  /** Returns whether an engine warning is already part of some task's timeline. */
  public boolean seen(String warningId) {
    return exists("SELECT 1 FROM warning_step WHERE ref = ?", warningId);
  }

  /**
   * Stores a new task with its first step and commits; returns false, storing nothing, when the id
   * or the step's warning is taken.
   */
  public boolean insert(WarningTask t, WarningTask.Step first) {
    return write(t, first, -1);
  }

  /**
   * Writes the task's new state and one more step, over version {@code expectedVersion}; returns
   * false, writing nothing, when the stored task has another version (someone changed it meanwhile)
   * or the step's warning is taken.
   */
  public boolean update(WarningTask t, int expectedVersion, WarningTask.Step step) {
    return write(t, step, expectedVersion);
  }

  private boolean write(WarningTask t, WarningTask.Step step, int expectedVersion) {
    if (step.ref() != null && seen(step.ref())) {
      return false;
    }
    if (t.isOpen()) {
      // before the commit: a look-up that sees the task committed sees its keys too
      mayBeOpen(t.victimPhone(), t.victimAccount());
    }
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        int changed;
        if (expectedVersion < 0) {
          if (exists(c, "SELECT 1 FROM warning_task WHERE id = ?", t.id())) {
            c.rollback();
            return false;
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO warning_task ("
                      + COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, t.id());
            ps.setLong(2, t.raisedTsMs());
            ps.setLong(3, t.createdAtMs());
            bindState(ps, 4, t);
            changed = ps.executeUpdate();
          }
        } else {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE warning_task SET "
                      + STATE.replace(",", " = ?,")
                      + " = ? WHERE id = ? AND version = ?")) {
            int i = bindState(ps, 1, t);
            ps.setString(i++, t.id());
            ps.setInt(i, expectedVersion);
            changed = ps.executeUpdate();
          }
        }
        if (changed != 1) {
          c.rollback();
          return false;
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO warning_step (task_id, step, at_ms, kind, detail, actor, ref) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
          ps.setString(1, t.id());
          ps.setInt(2, step.step());
          ps.setLong(3, step.atMs());
          ps.setString(4, step.kind());
          ps.setString(5, step.detail());
          ps.setString(6, step.actor());
          ps.setString(7, step.ref());
          ps.executeUpdate();
        }
        c.commit();
        return true;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        if (e instanceof SQLException s
            && s.getSQLState() != null
            && s.getSQLState().startsWith("23")) {
          return false; // a concurrent writer took the id or the warning first
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("warning task " + t.id() + " not stored", e);
    }
  }

  public Optional<WarningTask> find(String id) {
    List<WarningTask> l = query("SELECT " + COLUMNS + " FROM warning_task WHERE id = ?", 1, id);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  /**
   * Returns tasks newest first: of one status ({@code null}: any), in units whose code starts with
   * one of {@code unitPrefixes} (empty: every unit).
   */
  public List<WarningTask> list(@Nullable String status, List<String> unitPrefixes, int limit) {
    List<Object> args = new ArrayList<>();
    String where = where(status, unitPrefixes, args);
    return query(
        "SELECT " + COLUMNS + " FROM warning_task" + where + " ORDER BY created_at_ms DESC, id",
        limit,
        args.toArray());
  }

  /** What the statistics count tasks by. */
  public enum Grouping {
    /** The outcome of a closed task, {@code open} for an open one. */
    OUTCOME("COALESCE(outcome, status)"),
    TYPE("fraud_type"),
    UNIT("unit"),
    /** The day the first warning was raised, China time, as days since 1970-01-01. */
    DAY("(raised_ts_ms + 28800000) / 86400000");

    private final String sql;

    Grouping(String sql) {
      this.sql = sql;
    }
  }

  /**
   * Counts the tasks in some units ({@code []}: every unit) by {@code grouping}, and sums the money
   * protected.
   */
  public Map<String, Long> count(Grouping grouping, List<String> unitPrefixes) {
    List<Object> args = new ArrayList<>();
    String sql =
        "SELECT "
            + grouping.sql
            + ", COUNT(*) FROM warning_task"
            + where(null, unitPrefixes, args)
            + " GROUP BY "
            + grouping.sql;
    Map<String, Long> out = new TreeMap<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bindArgs(ps, args.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("warning statistics not read", e);
    }
  }

  /** The money protected (fen) recorded on the tasks of some units. */
  public long protectedFen(List<String> unitPrefixes) {
    List<Object> args = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT COALESCE(SUM(amount_protected_fen), 0) FROM warning_task"
                    + where(null, unitPrefixes, args))) {
      bindArgs(ps, args.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new StoreException("warning statistics not read", e);
    }
  }

  private static String where(
      @Nullable String status, List<String> unitPrefixes, List<Object> args) {
    StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
    if (status != null) {
      sql.append(" AND status = ?");
      args.add(status);
    }
    if (!unitPrefixes.isEmpty()) {
      sql.append(" AND (");
      for (int i = 0; i < unitPrefixes.size(); i++) {
        sql.append(i == 0 ? "" : " OR ").append("unit LIKE ?");
        args.add(unitPrefixes.get(i) + "%");
      }
      sql.append(")");
    }
    return sql.toString();
  }

  /** Open tasks whose due time has passed, most overdue first. */
  public List<WarningTask> overdue(long nowMs, int limit) {
    return query(
        "SELECT "
            + COLUMNS
            + " FROM warning_task WHERE status = 'open' AND due_at_ms < ? ORDER BY due_at_ms",
        limit,
        nowMs);
  }

  /** The open task of a person, by phone or by account, newest first. */
  public Optional<WarningTask> openFor(@Nullable String phone, @Nullable String account) {
    loadMayBeOpen();
    // one look-up per index: with "phone = ? OR account = ?" a database may walk every open task,
    // on every decision
    List<WarningTask> l = new ArrayList<>(2);
    if (phone != null && mayBeOpen.contains("p:" + phone)) {
      l.addAll(
          query(
              "SELECT "
                  + COLUMNS
                  + " FROM warning_task WHERE victim_phone = ? AND status = 'open' "
                  + "ORDER BY created_at_ms DESC",
              1,
              phone));
    }
    if (account != null && mayBeOpen.contains("a:" + account)) {
      l.addAll(
          query(
              "SELECT "
                  + COLUMNS
                  + " FROM warning_task WHERE victim_account = ? AND status = 'open' "
                  + "ORDER BY created_at_ms DESC",
              1,
              account));
    }
    return l.stream().max(java.util.Comparator.comparingLong(WarningTask::createdAtMs));
  }

  private void mayBeOpen(@Nullable String phone, @Nullable String account) {
    if (phone != null) {
      mayBeOpen.add("p:" + phone);
    }
    if (account != null) {
      mayBeOpen.add("a:" + account);
    }
  }

  private void loadMayBeOpen() {
    if (mayBeOpenLoaded) {
      return;
    }
    synchronized (mayBeOpen) {
      if (mayBeOpenLoaded) {
        return;
      }
      try (Connection c = ds.getConnection();
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT victim_phone, victim_account FROM warning_task WHERE status = 'open'");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          mayBeOpen(rs.getString(1), rs.getString(2));
        }
      } catch (SQLException e) {
        throw new StoreException("open warning tasks not read", e);
      }
      mayBeOpenLoaded = true;
    }
  }

  /** Returns whether a task about this person and this contact was closed as a false alarm. */
  public boolean dismissed(String victimPhone, String contact) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT 1 FROM warning_task WHERE "
                    + "victim_phone = ? AND contact = ? AND outcome = 'false_alarm'")) {
      ps.setString(1, victimPhone);
      ps.setString(2, contact);
      ps.setMaxRows(1);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw new StoreException("warning tasks not read", e);
    }
  }

  /** The whole timeline of a task, oldest first. */
  public List<WarningTask.Step> steps(String id) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT step, at_ms, kind, detail, actor, ref FROM warning_step WHERE task_id = ? ORDER BY step")) {
      ps.setString(1, id);
      List<WarningTask.Step> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new WarningTask.Step(
                  rs.getInt(1),
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("warning steps of " + id + " not read", e);
    }
  }

  private List<WarningTask> query(String sql, int limit, Object... args) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setMaxRows(limit);
      bindArgs(ps, args);
      List<WarningTask> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("warning tasks not read", e);
    }
  }

  /** Reads a row of {@link #COLUMNS}. */
  private static void bindArgs(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      if (args[i] == null) {
        ps.setNull(i + 1, Types.VARCHAR);
      } else {
        ps.setObject(i + 1, args[i]);
      }
    }
  }

  private static WarningTask read(ResultSet rs) throws SQLException {
    String evidence = rs.getString(11);
    long closedAt = rs.getLong(20);
    Long closedAtMs = rs.wasNull() ? null : closedAt;
    return new WarningTask(
        rs.getString(1),
        rs.getLong(2),
        rs.getLong(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        evidence.isEmpty() ? List.of() : Arrays.asList(evidence.split("\n")),
        rs.getString(12),
        rs.getString(13),
        rs.getLong(14),
        rs.getString(15),
        rs.getString(16),
        rs.getLong(17),
        rs.getString(18),
        rs.getString(19),
        closedAtMs,
        rs.getInt(21),
        rs.getLong(3));
  }

  /**
   * Binds the {@link #STATE} columns from parameter {@code i} on; returns the next parameter's
   * index.
   */
  private static int bindState(PreparedStatement ps, int i, WarningTask t) throws SQLException {
    ps.setLong(i++, t.lastTsMs());
    ps.setString(i++, t.victimPhone());
    ps.setString(i++, t.victimAccount());
    ps.setString(i++, t.contact());
    ps.setString(i++, t.region());
    ps.setString(i++, t.severity());
    ps.setString(i++, t.fraudType());
    ps.setString(i++, String.join("\n", t.evidence()));
    ps.setString(i++, t.unit());
    ps.setString(i++, t.channel());
    ps.setLong(i++, t.dueAtMs());
    ps.setString(i++, t.status());
    ps.setString(i++, t.outcome());
    ps.setLong(i++, t.amountProtectedFen());
    ps.setString(i++, t.note());
    ps.setString(i++, t.closedBy());
    setNullableLong(ps, i++, t.closedAtMs());
    ps.setInt(i++, t.version());
    return i;
  }

  private static void setNullableLong(PreparedStatement ps, int i, @Nullable Long v)
      throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  private boolean exists(String sql, String arg) {
    try (Connection c = ds.getConnection()) {
      return exists(c, sql, arg);
    } catch (SQLException e) {
      throw new StoreException("warning tasks not read", e);
    }
  }

  private static boolean exists(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}

package org.fanzha.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Re-verification tasks (table {@code verification_task}) and their timelines ({@code
 * verification_step}): a task and its step are written in one transaction, a change only over the
 * version it was decided on.
 */
public final class VerificationRepository {

  private static final String COLUMNS =
      "id, entity_kind, entity, region, reasons, channel, state, opened_at_ms, "
          + "due_at_ms, closed_at_ms, closed_by, version";

  /** The state asked of {@link #list} for every task that still asks or limits something. */
  public static final String ACTIVE = "active";

  private final Jdbc jdbc;

  VerificationRepository(DataSource ds) {
    this.jdbc = new Jdbc(ds, "verification tasks");
  }

  /** Registers a new task with its first step; false when the entity has an active task already. */
  public boolean open(VerificationTask t, VerificationTask.Step step) {
    boolean[] opened = {false};
    jdbc.transaction(c -> opened[0] = !insert(c, List.of(new Opening(t, step))).isEmpty());
    return opened[0];
  }

  /** A task to open with its first step. */
  public record Opening(VerificationTask task, VerificationTask.Step step) {}

  /**
   * Registers new tasks with their first steps in one transaction (a scan opens hundreds), all or
   * none, with the act {@code actOf} gives for each task opened recorded in {@code audit} in the
   * same transaction: the tasks and their audit rows stand or fall together. Returns those opened,
   * leaving out each entity that has an active task already or is named twice.
   */
  public List<VerificationTask> openAll(
      List<Opening> openings, AuditLog audit, Function<VerificationTask, AuditLog.Act> actOf) {
    return audit.transaction(
        "verification tasks",
        (c, record) -> {
          List<VerificationTask> opened = insert(c, openings);
          record.record(opened.stream().map(actOf).toList());
          return opened;
        });
  }

  /**
   * Inserts the tasks of entities without an active one, with their first steps: one query for the
   * entities asked already and two batched inserts, however many tasks (a scan's statements are
   * made while the audit chain is held).
   */
  private List<VerificationTask> insert(Connection c, List<Opening> openings) throws SQLException {
    Set<String> asked = active(c, openings);
    List<Opening> fresh = new ArrayList<>();
    for (Opening o : openings) {
      if (asked.add(o.task().entityKind() + ' ' + o.task().entity())) {
        fresh.add(o); // also leaves out an entity named twice in the list
      }
    }
    try (PreparedStatement ins =
            c.prepareStatement(
                "INSERT INTO verification_task ("
                    + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement steps = c.prepareStatement(STEP_INSERT)) {
      for (Opening o : fresh) {
        VerificationTask t = o.task();
        ins.setString(1, t.id());
        ins.setString(2, t.entityKind());
        ins.setString(3, t.entity());
        ins.setString(4, t.region());
        ins.setString(5, t.reasons());
        ins.setString(6, t.channel());
        ins.setString(7, t.state());
        ins.setLong(8, t.openedAtMs());
        ins.setLong(9, t.dueAtMs());
        Jdbc.setLong(ins, 10, t.closedAtMs());
        ins.setString(11, t.closedBy());
        ins.setInt(12, t.version());
        ins.addBatch();
        setStep(steps, t.id(), o.step());
        steps.addBatch();
      }
      if (!fresh.isEmpty()) {
        ins.executeBatch();
        steps.executeBatch(); // after the tasks its rows refer to
      }
    }
    return fresh.stream().map(Opening::task).toList();
  }

  /** The entities of {@code openings} with an active task, as {@code kind + ' ' + entity}. */
  private static Set<String> active(Connection c, List<Opening> openings) throws SQLException {
    Set<String> active = new HashSet<>();
    if (openings.isEmpty()) {
      return active;
    }
    Set<String> kinds = new LinkedHashSet<>();
    Set<String> entities = new LinkedHashSet<>();
    for (Opening o : openings) {
      kinds.add(o.task().entityKind());
      entities.add(o.task().entity());
    }
    try (PreparedStatement ps = // both columns of the (entity_kind, entity) index
        c.prepareStatement(
            "SELECT entity_kind, entity FROM verification_task WHERE entity_kind IN ("
                + Jdbc.placeholders(kinds.size())
                + ") AND entity IN ("
                + Jdbc.placeholders(entities.size())
                + ") AND state <> '"
                + VerificationTask.VERIFIED
                + "'")) {
      int i = 1;
      for (String k : kinds) {
        ps.setString(i++, k);
      }
      for (String e : entities) {
        ps.setString(i++, e);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          active.add(rs.getString(1) + ' ' + rs.getString(2));
        }
      }
    }
    return active;
  }

  /**
   * Writes {@code t} and its step over the stored version {@code expectedVersion}; false when it
   * moved meanwhile.
   */
  public boolean update(VerificationTask t, int expectedVersion, VerificationTask.Step step) {
    boolean[] done = {false};
    jdbc.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE verification_task SET state = ?, due_at_ms = ?, "
                      + "closed_at_ms = ?, closed_by = ?, version = ? WHERE id = ? AND version = ?")) {
            ps.setString(1, t.state());
            ps.setLong(2, t.dueAtMs());
            Jdbc.setLong(ps, 3, t.closedAtMs());
            ps.setString(4, t.closedBy());
            ps.setInt(5, t.version());
            ps.setString(6, t.id());
            ps.setInt(7, expectedVersion);
            if (ps.executeUpdate() != 1) {
              return;
            }
          }
          step(c, t.id(), step);
          done[0] = true;
        });
    return done[0];
  }

  private static final String STEP_INSERT =
      "INSERT INTO verification_step (task_id, step, at_ms, kind, detail, actor)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  private static void step(Connection c, String taskId, VerificationTask.Step s)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(STEP_INSERT)) {
      setStep(ps, taskId, s);
      ps.executeUpdate();
    }
  }

  private static void setStep(PreparedStatement ps, String taskId, VerificationTask.Step s)
      throws SQLException {
    ps.setString(1, taskId);
    ps.setInt(2, s.step());
    ps.setLong(3, s.atMs());
    ps.setString(4, s.kind());
    ps.setString(5, s.detail());
    ps.setString(6, s.actor());
  }

  /** Returns the task with this id. */
  public Optional<VerificationTask> find(String id) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM verification_task WHERE id = ?",
            ps -> ps.setString(1, id),
            VerificationRepository::row)
        .stream()
        .findFirst();
  }

  /** Returns the entity's newest task, active or not. */
  public Optional<VerificationTask> latest(String entityKind, String entity) {
    return jdbc
        .query(
            "SELECT "
                + COLUMNS
                + " FROM verification_task WHERE entity_kind = ? AND entity = ? "
                + "ORDER BY opened_at_ms DESC, id DESC LIMIT 1",
            ps -> {
              ps.setString(1, entityKind);
              ps.setString(2, entity);
            },
            VerificationRepository::row)
        .stream()
        .findFirst();
  }

  /**
   * Returns up to {@code limit} tasks of a state ({@code null}: all; {@link #ACTIVE}: all but
   * verified) and entity kinds, newest first.
   */
  public List<VerificationTask> list(@Nullable String state, List<String> kinds, int limit) {
    boolean active = ACTIVE.equals(state);
    String where =
        (state == null ? "" : active ? " AND state <> ?" : " AND state = ?")
            + " AND entity_kind IN ("
            + String.join(", ", java.util.Collections.nCopies(Math.max(1, kinds.size()), "?"))
            + ")";
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM verification_task WHERE 1 = 1"
            + where
            + " ORDER BY opened_at_ms DESC, id DESC LIMIT ?",
        ps -> {
          int i = 1;
          if (state != null) {
            ps.setString(i++, active ? VerificationTask.VERIFIED : state);
          }
          for (String k : kinds.isEmpty() ? List.of("") : kinds) {
            ps.setString(i++, k);
          }
          ps.setInt(i, limit);
        },
        VerificationRepository::row);
  }

  /** Returns the tasks that limit their entity now (restricted or suspended). */
  public List<VerificationTask> limiting() {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM verification_task WHERE state IN ('"
            + VerificationTask.RESTRICTED
            + "', '"
            + VerificationTask.SUSPENDED
            + "')",
        ps -> {},
        VerificationRepository::row);
  }

  /**
   * Returns up to {@code limit} open or restricted tasks due at or before {@code now}, the most
   * overdue first.
   */
  public List<VerificationTask> overdue(long now, int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM verification_task WHERE state IN ('"
            + VerificationTask.OPEN
            + "', '"
            + VerificationTask.RESTRICTED
            + "') AND due_at_ms <= ? ORDER BY due_at_ms, id LIMIT ?",
        ps -> {
          ps.setLong(1, now);
          ps.setInt(2, limit);
        },
        VerificationRepository::row);
  }

  /** Returns a task's timeline in order. */
  public List<VerificationTask.Step> steps(String taskId) {
    return jdbc.query(
        "SELECT step, at_ms, kind, detail, actor FROM verification_step WHERE task_id = ? ORDER BY step",
        ps -> ps.setString(1, taskId),
        rs ->
            new VerificationTask.Step(
                rs.getInt("step"),
                rs.getLong("at_ms"),
                rs.getString("kind"),
                rs.getString("detail"),
                rs.getString("actor")));
  }

  private static VerificationTask row(ResultSet rs) throws SQLException {
    return new VerificationTask(
        rs.getString("id"),
        rs.getString("entity_kind"),
        rs.getString("entity"),
        rs.getString("region"),
        rs.getString("reasons"),
        rs.getString("channel"),
        rs.getString("state"),
        rs.getLong("opened_at_ms"),
        rs.getLong("due_at_ms"),
        Jdbc.getLong(rs, "closed_at_ms"),
        rs.getString("closed_by"),
        rs.getInt("version"));
  }
}

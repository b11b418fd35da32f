package org.fanzha.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Clues and where each stands (table {@code clue}). Every change is one conditional update, so a
 * push answered after the receiver acknowledged, or two answers at once, cannot undo a later state.
 */
public final class ClueRepository {

  private static final String COLUMNS =
      "id, institution_id, dedupe_key, source, source_ref, target_kind, target_value, "
          + "fraud_type, severity, region, unit, summary, evidence, created_at_ms, ack_due_ms, feedback_due_ms, status, "
          + "attempts, next_attempt_ms, last_error, delivered_at_ms, acked_at_ms, acked_by, feedback_code, feedback_note, "
          + "feedback_at_ms, feedback_by, escalation, escalated_at_ms";
  private static final String OPEN = "status <> '" + Clue.CLOSED + "'";
  private static final String LATE =
      "(feedback_due_ms < ? OR (acked_at_ms IS NULL AND ack_due_ms < ?))";

  private final Jdbc jdbc;

  ClueRepository(DataSource ds) {
    this.jdbc = new Jdbc(ds, "clues");
  }

  /**
   * Stores a new clue; returns false, storing nothing, when its institution has a clue with its key
   * already.
   */
  public boolean insert(Clue c) {
    return jdbc.insertUnlessTaken(
        "INSERT INTO clue ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ps -> {
          ps.setString(1, c.id());
          ps.setString(2, c.institutionId());
          ps.setString(3, c.dedupeKey());
          ps.setString(4, c.source());
          ps.setString(5, c.sourceRef());
          ps.setString(6, c.targetKind());
          ps.setString(7, c.targetValue());
          ps.setString(8, c.fraudType());
          ps.setString(9, c.severity());
          ps.setString(10, c.region());
          ps.setString(11, c.unit());
          ps.setString(12, c.summary());
          ps.setString(13, String.join(",", c.evidence()));
          ps.setLong(14, c.createdAtMs());
          ps.setLong(15, c.ackDueMs());
          ps.setLong(16, c.feedbackDueMs());
          ps.setString(17, c.status());
          ps.setInt(18, c.attempts());
          Jdbc.setLong(ps, 19, c.nextAttemptMs());
          ps.setString(20, c.lastError());
          Jdbc.setLong(ps, 21, c.deliveredAtMs());
          Jdbc.setLong(ps, 22, c.ackedAtMs());
          ps.setString(23, c.ackedBy());
          ps.setString(24, c.feedbackCode());
          ps.setString(25, c.feedbackNote());
          Jdbc.setLong(ps, 26, c.feedbackAtMs());
          ps.setString(27, c.feedbackBy());
          ps.setInt(28, c.escalation());
          Jdbc.setLong(ps, 29, c.escalatedAtMs());
        });
  }

  /** Returns whether any institution has a clue of this key. */
  public boolean known(String dedupeKey) {
    return !jdbc.query(
            "SELECT 1 FROM clue WHERE dedupe_key = ? LIMIT 1",
            ps -> ps.setString(1, dedupeKey),
            rs -> 1)
        .isEmpty();
  }

  /** Returns the clue with this id. */
  public Optional<Clue> find(String id) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM clue WHERE id = ?",
            ps -> ps.setString(1, id),
            ClueRepository::row)
        .stream()
        .findFirst();
  }

  /**
   * Returns up to {@code limit} clues, newest first: of one institution (null: all), open ones only
   * or all, and whose unit lies within one of {@code regions} (empty: everywhere).
   */
  public List<Clue> list(
      @Nullable String institutionId, boolean openOnly, List<String> regions, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM clue WHERE 1 = 1");
    if (institutionId != null) {
      sql.append(" AND institution_id = ?");
    }
    if (openOnly) {
      sql.append(" AND ").append(OPEN);
    }
    if (!regions.isEmpty()) {
      sql.append(" AND (")
          .append(String.join(" OR ", regions.stream().map(r -> "region LIKE ?").toList()))
          .append(')');
    }
    sql.append(" ORDER BY created_at_ms DESC, id DESC LIMIT ?");
    return jdbc.query(
        sql.toString(),
        ps -> {
          int i = 1;
          if (institutionId != null) {
            ps.setString(i++, institutionId);
          }
          for (String r : regions) {
            ps.setString(i++, r + "%");
          }
          ps.setInt(i, limit);
        },
        ClueRepository::row);
  }

  /**
   * Returns up to {@code limit} clues whose next push is due by {@code now}, longest waiting first.
   */
  public List<Clue> duePushes(long now, int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM clue WHERE next_attempt_ms <= ? ORDER BY next_attempt_ms, id LIMIT ?",
        ps -> {
          ps.setLong(1, now);
          ps.setInt(2, limit);
        },
        ClueRepository::row);
  }

  /**
   * Records a push answered 2xx: nothing more to push. A receiver may have acknowledged the clue
   * before its answer to the push was recorded; the delivery counts all the same. Returns false
   * when it was delivered before.
   */
  public boolean delivered(String id, long now) {
    return jdbc.update(
            "UPDATE clue SET status = CASE WHEN status = '"
                + Clue.NEW
                + "' THEN '"
                + Clue.DELIVERED
                + "' ELSE status END, delivered_at_ms = ?, attempts = attempts + 1, next_attempt_ms = NULL, last_error = NULL "
                + "WHERE id = ? AND delivered_at_ms IS NULL",
            ps -> {
              ps.setLong(1, now);
              ps.setString(2, id);
            })
        == 1;
  }

  /**
   * Records a failed push and when to try again (unless the receiver has taken the clue meanwhile).
   */
  public void failed(String id, long nextAttemptMs, String error) {
    jdbc.update(
        "UPDATE clue SET attempts = attempts + 1, next_attempt_ms = ?, last_error = ? "
            + "WHERE id = ? AND next_attempt_ms IS NOT NULL",
        ps -> {
          ps.setLong(1, nextAttemptMs);
          ps.setString(2, error.length() <= 300 ? error : error.substring(0, 300));
          ps.setString(3, id);
        });
  }

  /** Records the receiver's acknowledgement; false when it was acknowledged or answered before. */
  public boolean acknowledge(String id, String by, long now) {
    return jdbc.update(
            "UPDATE clue SET status = '"
                + Clue.ACKNOWLEDGED
                + "', acked_at_ms = ?, acked_by = ?, "
                + "next_attempt_ms = NULL WHERE id = ? AND status IN ('"
                + Clue.NEW
                + "', '"
                + Clue.DELIVERED
                + "')",
            ps -> {
              ps.setLong(1, now);
              ps.setString(2, by);
              ps.setString(3, id);
            })
        == 1;
  }

  /**
   * Records the receiver's answer, which closes the clue (and acknowledges it if that was skipped);
   * false if closed.
   */
  public boolean answer(String id, String code, @Nullable String note, String by, long now) {
    return jdbc.update(
            "UPDATE clue SET status = '"
                + Clue.CLOSED
                + "', feedback_code = ?, feedback_note = ?, "
                + "feedback_by = ?, feedback_at_ms = ?, acked_at_ms = COALESCE(acked_at_ms, ?), acked_by = COALESCE(acked_by, ?), "
                + "next_attempt_ms = NULL WHERE id = ? AND "
                + OPEN,
            ps -> {
              ps.setString(1, code);
              ps.setString(2, note);
              ps.setString(3, by);
              ps.setLong(4, now);
              ps.setLong(5, now);
              ps.setString(6, by);
              ps.setString(7, id);
            })
        == 1;
  }

  /**
   * Returns up to {@code limit} open clues late at {@code now}, escalated fewer than {@code
   * maxEscalation} times and not since {@code notSince}.
   */
  public List<Clue> late(long now, int maxEscalation, long notSince, int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM clue WHERE "
            + OPEN
            + " AND "
            + LATE
            + " AND escalation < ? "
            + "AND (escalated_at_ms IS NULL OR escalated_at_ms <= ?) ORDER BY ack_due_ms, id LIMIT ?",
        ps -> {
          ps.setLong(1, now);
          ps.setLong(2, now);
          ps.setInt(3, maxEscalation);
          ps.setLong(4, notSince);
          ps.setInt(5, limit);
        },
        ClueRepository::row);
  }

  /**
   * Moves a clue to {@code unit} one level up from {@code fromLevel}; false when someone moved it
   * meanwhile.
   */
  public boolean escalate(String id, int fromLevel, String unit, long now) {
    return jdbc.update(
            "UPDATE clue SET escalation = escalation + 1, unit = ?, escalated_at_ms = ? "
                + "WHERE id = ? AND escalation = ?",
            ps -> {
              ps.setString(1, unit);
              ps.setLong(2, now);
              ps.setString(3, id);
              ps.setInt(4, fromLevel);
            })
        == 1;
  }

  /** How one receiver has done. {@code answers}: feedback codes with their counts. */
  public record Stats(
      String institutionId,
      long sent,
      long delivered,
      long acknowledged,
      long answered,
      long late,
      @Nullable Double meanMinutesToAck,
      Map<String, Long> answers) {}

  /** Returns each institution's statistics at {@code now}, by institution id. */
  public Map<String, Stats> stats(long now) {
    Map<String, Map<String, Long>> answers = new TreeMap<>();
    jdbc.query(
        "SELECT institution_id, feedback_code, COUNT(*) FROM clue WHERE feedback_code IS NOT NULL "
            + "GROUP BY institution_id, feedback_code",
        ps -> {},
        rs ->
            answers
                .computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                .put(rs.getString(2), rs.getLong(3)));
    List<Stats> rows =
        jdbc.query(
            "SELECT institution_id, COUNT(*), COUNT(delivered_at_ms), COUNT(acked_at_ms), "
                + "COUNT(feedback_at_ms), SUM(CASE WHEN "
                + OPEN
                + " AND "
                + LATE
                + " THEN 1 ELSE 0 END), "
                + "AVG(acked_at_ms - created_at_ms) FROM clue GROUP BY institution_id",
            ps -> {
              ps.setLong(1, now);
              ps.setLong(2, now);
            },
            rs -> {
              double mean = rs.getDouble(7);
              Double minutes = rs.wasNull() ? null : mean / 60_000.0;
              String id = rs.getString(1);
              return new Stats(
                  id,
                  rs.getLong(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getLong(6),
                  minutes,
                  answers.getOrDefault(id, Map.of()));
            });
    Map<String, Stats> out = new TreeMap<>();
    for (Stats s : rows) {
      out.put(s.institutionId(), s);
    }
    return out;
  }

  private static Clue row(ResultSet rs) throws SQLException {
    String evidence = rs.getString("evidence");
    return new Clue(
        rs.getString("id"),
        rs.getString("institution_id"),
        rs.getString("dedupe_key"),
        rs.getString("source"),
        rs.getString("source_ref"),
        rs.getString("target_kind"),
        rs.getString("target_value"),
        rs.getString("fraud_type"),
        rs.getString("severity"),
        rs.getString("region"),
        rs.getString("unit"),
        rs.getString("summary"),
        evidence.isEmpty() ? List.of() : new ArrayList<>(List.of(evidence.split(","))),
        rs.getLong("created_at_ms"),
        rs.getLong("ack_due_ms"),
        rs.getLong("feedback_due_ms"),
        rs.getString("status"),
        rs.getInt("attempts"),
        Jdbc.getLong(rs, "next_attempt_ms"),
        rs.getString("last_error"),
        Jdbc.getLong(rs, "delivered_at_ms"),
        Jdbc.getLong(rs, "acked_at_ms"),
        rs.getString("acked_by"),
        rs.getString("feedback_code"),
        rs.getString("feedback_note"),
        Jdbc.getLong(rs, "feedback_at_ms"),
        rs.getString("feedback_by"),
        rs.getInt("escalation"),
        Jdbc.getLong(rs, "escalated_at_ms"));
  }
}

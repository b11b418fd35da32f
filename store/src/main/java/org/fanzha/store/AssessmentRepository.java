package org.fanzha.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The register of new-business assessments (table {@code business_assessment}); a review is written
 * once.
 */
public final class AssessmentRepository {

  private static final String COLUMNS =
      "id, institution, service, category, description, launch_date, checklist, "
          + "risk_level, conclusion, author, created_at_ms, status, reviewer, reviewed_at_ms, review_note";

  private final Jdbc jdbc;

  AssessmentRepository(DataSource ds) {
    this.jdbc = new Jdbc(ds, "assessments");
  }

  /** Registers a submitted assessment. */
  public void insert(Assessment a) {
    jdbc.update(
        "INSERT INTO business_assessment ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ps -> {
          ps.setString(1, a.id());
          ps.setString(2, a.institution());
          ps.setString(3, a.service());
          ps.setString(4, a.category());
          ps.setString(5, a.description());
          ps.setString(6, a.launchDate());
          ps.setString(7, checklist(a.checklist()));
          ps.setString(8, a.riskLevel());
          ps.setString(9, a.conclusion());
          ps.setString(10, a.author());
          ps.setLong(11, a.createdAtMs());
          ps.setString(12, a.status());
          ps.setString(13, a.reviewer());
          Jdbc.setLong(ps, 14, a.reviewedAtMs());
          ps.setString(15, a.reviewNote());
        });
  }

  /** Returns the assessment with this id. */
  public Optional<Assessment> find(String id) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM business_assessment WHERE id = ?",
            ps -> ps.setString(1, id),
            AssessmentRepository::row)
        .stream()
        .findFirst();
  }

  /** Returns up to {@code limit} assessments of a status (null: all), newest first. */
  public List<Assessment> list(@Nullable String status, int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM business_assessment"
            + (status == null ? "" : " WHERE status = ?")
            + " ORDER BY created_at_ms DESC, id DESC LIMIT ?",
        ps -> {
          int i = 1;
          if (status != null) {
            ps.setString(i++, status);
          }
          ps.setInt(i, limit);
        },
        AssessmentRepository::row);
  }

  /** Records a reviewer's decision on a submitted assessment; false when it was decided before. */
  public boolean review(
      String id, String status, String reviewer, long atMs, @Nullable String note) {
    return jdbc.update(
            "UPDATE business_assessment SET status = ?, reviewer = ?, reviewed_at_ms = ?, review_note = ? "
                + "WHERE id = ? AND status = '"
                + Assessment.SUBMITTED
                + "'",
            ps -> {
              ps.setString(1, status);
              ps.setString(2, reviewer);
              ps.setLong(3, atMs);
              ps.setString(4, note);
              ps.setString(5, id);
            })
        == 1;
  }

  /**
   * The checklist column: one point a line, {@code code|1|control}; controls have no line breaks or
   * bars.
   */
  static String checklist(List<Assessment.Point> points) {
    StringBuilder sb = new StringBuilder();
    for (Assessment.Point p : points) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(p.code())
          .append('|')
          .append(p.present() ? '1' : '0')
          .append('|')
          .append(p.control());
    }
    return sb.toString();
  }

  static List<Assessment.Point> points(String column) {
    List<Assessment.Point> out = new ArrayList<>();
    for (String line : column.split("\n")) {
      if (!line.isEmpty()) {
        String[] f = line.split("\\|", 3);
        out.add(new Assessment.Point(f[0], f[1].equals("1"), f.length > 2 ? f[2] : ""));
      }
    }
    return out;
  }

  private static Assessment row(ResultSet rs) throws SQLException {
    return new Assessment(
        rs.getString("id"),
        rs.getString("institution"),
        rs.getString("service"),
        rs.getString("category"),
        rs.getString("description"),
        rs.getString("launch_date"),
        points(rs.getString("checklist")),
        rs.getString("risk_level"),
        rs.getString("conclusion"),
        rs.getString("author"),
        rs.getLong("created_at_ms"),
        rs.getString("status"),
        rs.getString("reviewer"),
        Jdbc.getLong(rs, "reviewed_at_ms"),
        rs.getString("review_note"));
  }
}

package org.fanzha.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.fanzha.core.event.ListKind;

/**
 * Appeals and their evidence files (tables {@code appeal}, {@code appeal_file}). The token a person
 * follows an appeal with is stored as its SHA-256 only. A decision is written once, over an appeal
 * still open.
 */
public final class AppealRepository {

  private static final String COLUMNS =
      "id, kind, entry_value, statement, contact, status, entries, created_at_ms, "
          + "due_at_ms, decided_by, decided_at_ms, note";

  private final Jdbc jdbc;

  AppealRepository(DataSource ds) {
    this.jdbc = new Jdbc(ds, "appeals");
  }

  /** Stores an appeal, the hash of its token and its files, in one transaction. */
  public void insert(Appeal a, String tokenHash, List<Appeal.File> files) {
    jdbc.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO appeal ("
                      + COLUMNS
                      + ", token_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, a.id());
            ps.setString(2, a.kind().wireName());
            ps.setString(3, a.value());
            ps.setString(4, a.statement());
            ps.setString(5, a.contact());
            ps.setString(6, a.status());
            ps.setString(7, String.join(",", a.entries()));
            ps.setLong(8, a.createdAtMs());
            ps.setLong(9, a.dueAtMs());
            ps.setString(10, a.decidedBy());
            Jdbc.setLong(ps, 11, a.decidedAtMs());
            ps.setString(12, a.note());
            ps.setString(13, tokenHash);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO appeal_file (appeal_id, n, file_name, "
                      + "content_type, size_bytes, content) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < files.size(); i++) {
              Appeal.File f = files.get(i);
              ps.setString(1, a.id());
              ps.setInt(2, i);
              ps.setString(3, f.name());
              ps.setString(4, f.contentType());
              ps.setLong(5, f.content().length);
              ps.setBytes(6, f.content());
              ps.addBatch();
            }
            ps.executeBatch();
          }
        });
  }

  /** Returns the appeal with this id. */
  public Optional<Appeal> find(String id) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM appeal WHERE id = ?",
            ps -> ps.setString(1, id),
            AppealRepository::row)
        .stream()
        .findFirst();
  }

  /** Returns the appeal whose token hashes to this. */
  public Optional<Appeal> findByTokenHash(String tokenHash) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM appeal WHERE token_hash = ?",
            ps -> ps.setString(1, tokenHash),
            AppealRepository::row)
        .stream()
        .findFirst();
  }

  /** Returns up to {@code limit} appeals with this status, the soonest due first. */
  public List<Appeal> withStatus(String status, int limit) {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM appeal WHERE status = ? ORDER BY due_at_ms, id LIMIT ?",
        ps -> {
          ps.setString(1, status);
          ps.setInt(2, limit);
        },
        AppealRepository::row);
  }

  /** Returns the names of an appeal's files, in the order sent, without reading their content. */
  public List<String> fileNames(String appealId) {
    return jdbc.query(
        "SELECT file_name FROM appeal_file WHERE appeal_id = ? ORDER BY n",
        ps -> ps.setString(1, appealId),
        rs -> rs.getString(1));
  }

  /** Returns an appeal's files with their content, in the order sent. */
  public List<Appeal.File> files(String appealId) {
    return jdbc.query(
        "SELECT file_name, content_type, content FROM appeal_file WHERE appeal_id = ? ORDER BY n",
        ps -> ps.setString(1, appealId),
        rs ->
            new Appeal.File(
                rs.getString("file_name"), rs.getString("content_type"), rs.getBytes("content")));
  }

  /**
   * Records the decision on an appeal still open; returns false when it is not open (or does not
   * exist).
   */
  public boolean decide(String id, String status, String by, String note, long nowMs) {
    return jdbc.update(
            "UPDATE appeal SET status = ?, decided_by = ?, decided_at_ms = ?, note = ? "
                + "WHERE id = ? AND status = 'open'",
            ps -> {
              ps.setString(1, status);
              ps.setString(2, by);
              ps.setLong(3, nowMs);
              ps.setString(4, note);
              ps.setString(5, id);
            })
        == 1;
  }

  private static Appeal row(ResultSet rs) throws SQLException {
    String entries = rs.getString("entries");
    return new Appeal(
        rs.getString("id"),
        Objects.requireNonNull(ListKind.fromWire(rs.getString("kind"))),
        rs.getString("entry_value"),
        rs.getString("statement"),
        rs.getString("contact"),
        rs.getString("status"),
        entries.isEmpty() ? List.of() : Arrays.asList(entries.split(",")),
        rs.getLong("created_at_ms"),
        rs.getLong("due_at_ms"),
        rs.getString("decided_by"),
        Jdbc.getLong(rs, "decided_at_ms"),
        rs.getString("note"));
  }
}

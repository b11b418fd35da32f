package org.fanzha.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Who works which item, and the notes on items (tables {@code work_assignment}, {@code work_note}).
 */
public final class WorkRepository {

  /** An item's assignment. */
  public record Assignment(
      String kind, String ref, String assignee, String assignedBy, long assignedAtMs) {}

  /** A note; {@code fileName} and {@code fileType} are null when it carries no file. */
  public record Note(
      String id,
      String kind,
      String ref,
      String author,
      long atMs,
      String text,
      @Nullable String fileName,
      @Nullable String fileType) {}

  private final Jdbc jdbc;

  WorkRepository(DataSource ds) {
    this.jdbc = new Jdbc(ds, "work");
  }

  /** Gives an item to {@code assignee}, replacing whoever had it. */
  public void assign(Assignment a) {
    jdbc.transaction(
        c -> {
          try (var del =
                  c.prepareStatement("DELETE FROM work_assignment WHERE kind = ? AND ref = ?");
              var ins =
                  c.prepareStatement(
                      "INSERT INTO work_assignment (kind, ref, assignee, assigned_by, assigned_at_ms) "
                          + "VALUES (?, ?, ?, ?, ?)")) {
            del.setString(1, a.kind());
            del.setString(2, a.ref());
            del.executeUpdate();
            ins.setString(1, a.kind());
            ins.setString(2, a.ref());
            ins.setString(3, a.assignee());
            ins.setString(4, a.assignedBy());
            ins.setLong(5, a.assignedAtMs());
            ins.executeUpdate();
          }
        });
  }

  /** Leaves an item to nobody; false when nobody had it. */
  public boolean unassign(String kind, String ref) {
    return jdbc.update(
            "DELETE FROM work_assignment WHERE kind = ? AND ref = ?",
            ps -> {
              ps.setString(1, kind);
              ps.setString(2, ref);
            })
        == 1;
  }

  /** Returns every assignment, by {@code kind:ref}. */
  public Map<String, Assignment> assignments() {
    Map<String, Assignment> out = new HashMap<>();
    for (Assignment a :
        jdbc.query(
            "SELECT kind, ref, assignee, assigned_by, assigned_at_ms FROM work_assignment",
            ps -> {},
            WorkRepository::assignment)) {
      out.put(a.kind() + ":" + a.ref(), a);
    }
    return out;
  }

  /** Returns an item's assignment, if it has one. */
  public Optional<Assignment> assignment(String kind, String ref) {
    return jdbc
        .query(
            "SELECT kind, ref, assignee, assigned_by, assigned_at_ms FROM work_assignment "
                + "WHERE kind = ? AND ref = ?",
            ps -> {
              ps.setString(1, kind);
              ps.setString(2, ref);
            },
            WorkRepository::assignment)
        .stream()
        .findFirst();
  }

  private static Assignment assignment(ResultSet rs) throws SQLException {
    return new Assignment(
        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5));
  }

  /** Adds a note, with a file when {@code file} is not null. */
  public void addNote(Note n, Appeal.@Nullable File file) {
    jdbc.update(
        "INSERT INTO work_note (id, kind, ref, author, at_ms, text, file_name, file_type, file_content) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ps -> {
          ps.setString(1, n.id());
          ps.setString(2, n.kind());
          ps.setString(3, n.ref());
          ps.setString(4, n.author());
          ps.setLong(5, n.atMs());
          ps.setString(6, n.text());
          ps.setString(7, file == null ? null : file.name());
          ps.setString(8, file == null ? null : file.contentType());
          ps.setBytes(9, file == null ? null : file.content());
        });
  }

  /** Returns an item's notes, oldest first (without file contents). */
  public List<Note> notes(String kind, String ref) {
    return jdbc.query(
        "SELECT id, kind, ref, author, at_ms, text, file_name, file_type FROM work_note "
            + "WHERE kind = ? AND ref = ? ORDER BY at_ms, id",
        ps -> {
          ps.setString(1, kind);
          ps.setString(2, ref);
        },
        rs ->
            new Note(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8)));
  }

  /** Returns how many notes each item has, by {@code kind:ref}. */
  public Map<String, Long> noteCounts() {
    Map<String, Long> out = new HashMap<>();
    jdbc.query(
        "SELECT kind, ref, COUNT(*) FROM work_note GROUP BY kind, ref",
        ps -> {},
        rs -> out.put(rs.getString(1) + ":" + rs.getString(2), rs.getLong(3)));
    return out;
  }

  /** Returns the file of a note of this item, if it has one. */
  public Optional<Appeal.File> file(String kind, String ref, String noteId) {
    return jdbc
        .query(
            "SELECT file_name, file_type, file_content FROM work_note WHERE id = ? AND kind = ? AND ref = ? "
                + "AND file_content IS NOT NULL",
            ps -> {
              ps.setString(1, noteId);
              ps.setString(2, kind);
              ps.setString(3, ref);
            },
            rs -> new Appeal.File(rs.getString(1), rs.getString(2), rs.getBytes(3)))
        .stream()
        .findFirst();
  }
}

package org.fanzha.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Clue receivers (table {@code institution}). */
public final class InstitutionRepository {

  private static final String COLUMNS =
      "id, name, kind, regions, prefixes, min_severity, webhook_url, secret, created_at_ms, created_by";

  private final Jdbc jdbc;

  InstitutionRepository(DataSource ds) {
    this.jdbc = new Jdbc(ds, "institutions");
  }

  /** Stores a new institution. */
  public void insert(Institution i) {
    jdbc.update(
        "INSERT INTO institution (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ps -> {
          ps.setString(1, i.id());
          ps.setString(2, i.name());
          ps.setString(3, i.kind());
          ps.setString(4, StaffUserRepository.joined(i.regions()));
          ps.setString(5, StaffUserRepository.joined(i.prefixes()));
          ps.setString(6, i.minSeverity());
          ps.setString(7, i.webhookUrl());
          ps.setString(8, i.secret());
          ps.setLong(9, i.createdAtMs());
          ps.setString(10, i.createdBy());
        });
  }

  /** Returns the institution with this id. */
  public Optional<Institution> find(String id) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM institution WHERE id = ?",
            ps -> ps.setString(1, id),
            InstitutionRepository::row)
        .stream()
        .findFirst();
  }

  /** Returns every institution, by name. */
  public List<Institution> list() {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM institution ORDER BY name, id",
        ps -> {},
        InstitutionRepository::row);
  }

  private static Institution row(ResultSet rs) throws SQLException {
    return new Institution(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("kind"),
        StaffUserRepository.split(rs.getString("regions")),
        StaffUserRepository.split(rs.getString("prefixes")),
        rs.getString("min_severity"),
        rs.getString("webhook_url"),
        rs.getString("secret"),
        rs.getLong("created_at_ms"),
        rs.getString("created_by"));
  }
}

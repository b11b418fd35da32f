package org.fanzha.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Named staff users (table {@code staff_user}). */
public final class StaffUserRepository {

  private static final String COLUMNS =
      "name, password_hash, roles, regions, enabled, created_at_ms, created_by";

  private final DataSource ds;

  StaffUserRepository(DataSource ds) {
    this.ds = ds;
  }

  /**
   * Stores a new user; returns false when the name is taken.
   *
   * @throws StoreException if the database fails
   */
  public boolean insert(StaffUser u) {
    if (find(u.name()).isPresent()) {
      return false;
    }
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO staff_user (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, u.name());
      ps.setString(2, u.passwordHash());
      ps.setString(3, joined(u.roles().stream().sorted().toList()));
      ps.setString(4, joined(u.regions()));
      ps.setBoolean(5, u.enabled());
      ps.setLong(6, u.createdAtMillis());
      ps.setString(7, u.createdBy());
      ps.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (find(u.name()).isPresent()) {
        return false; // created by someone else meanwhile
      }
      throw new StoreException("user " + u.name() + " not stored", e);
    }
  }

  /** Returns the user with this name. */
  public Optional<StaffUser> find(String name) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT " + COLUMNS + " FROM staff_user WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("user look-up failed", e);
    }
  }

  /** Returns every user, by name. */
  public List<StaffUser> list() {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT " + COLUMNS + " FROM staff_user ORDER BY name");
        ResultSet rs = ps.executeQuery()) {
      List<StaffUser> out = new ArrayList<>();
      while (rs.next()) {
        out.add(read(rs));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("user list failed", e);
    }
  }

  private static StaffUser read(ResultSet rs) throws SQLException {
    return new StaffUser(
        rs.getString(1),
        rs.getString(2),
        new LinkedHashSet<>(split(rs.getString(3))),
        split(rs.getString(4)),
        rs.getBoolean(5),
        rs.getLong(6),
        rs.getString(7));
  }

  /** Returns names as one comma-separated column (the form of roles and regions in the tables). */
  static String joined(List<String> names) {
    return String.join(",", names);
  }

  /** Returns the names of a comma-separated column. */
  static List<String> split(@Nullable String s) {
    return s == null || s.isBlank() ? List.of() : Arrays.asList(s.split(","));
  }
}

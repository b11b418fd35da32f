package org.fanzha.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Machines' API keys (table {@code api_key}). */
public final class ApiKeyRepository {

  private static final String COLUMNS =
      "id, name, key_sha256, roles, regions, created_at_ms, created_by, revoked_at_ms, revoked_by, institution_id";

  private final DataSource ds;

  ApiKeyRepository(DataSource ds) {
    this.ds = ds;
  }

  /**
   * Stores a new key.
   *
   * @throws StoreException if the database fails (an id taken already included: ids are random)
   */
  public void insert(ApiKey k) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO api_key ("
                    + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)")) {
      ps.setString(1, k.id());
      ps.setString(2, k.name());
      ps.setString(3, k.keySha256());
      ps.setString(4, StaffUserRepository.joined(k.roles().stream().sorted().toList()));
      ps.setString(5, StaffUserRepository.joined(k.regions()));
      ps.setLong(6, k.createdAtMillis());
      ps.setString(7, k.createdBy());
      ps.setString(8, k.institutionId());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("api key " + k.id() + " not stored", e);
    }
  }

  /** Returns the key with this id, revoked or not. */
  public Optional<ApiKey> find(String id) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT " + COLUMNS + " FROM api_key WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("api key look-up failed", e);
    }
  }

  /** Returns every key, newest first. */
  public List<ApiKey> list() {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT " + COLUMNS + " FROM api_key ORDER BY created_at_ms DESC, id");
        ResultSet rs = ps.executeQuery()) {
      List<ApiKey> out = new ArrayList<>();
      while (rs.next()) {
        out.add(read(rs));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("api key list failed", e);
    }
  }

  /** Revokes a working key; returns false when there is no such key or it was revoked already. */
  public boolean revoke(String id, String by, long atMillis) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE api_key SET revoked_at_ms = ?, revoked_by = ? WHERE id = ? AND revoked_at_ms IS NULL")) {
      ps.setLong(1, atMillis);
      ps.setString(2, by);
      ps.setString(3, id);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new StoreException("api key " + id + " not revoked", e);
    }
  }

  private static ApiKey read(ResultSet rs) throws SQLException {
    long revoked = rs.getLong(8);
    Long revokedAt = rs.wasNull() ? null : revoked;
    return new ApiKey(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        new java.util.LinkedHashSet<>(StaffUserRepository.split(rs.getString(4))),
        StaffUserRepository.split(rs.getString(5)),
        rs.getLong(6),
        rs.getString(7),
        revokedAt,
        rs.getString(9),
        rs.getString(10));
  }
}

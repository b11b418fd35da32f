package org.fanzha.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.event.ListName;
import org.fanzha.core.event.Role;
import org.jspecify.annotations.Nullable;

/**
 * Risk list entries (table {@code list_entry}). Entries are inserted and lifted, never deleted or
 * edited otherwise: the table is their history. A lift is written only over an entry not lifted
 * yet, so two people lifting one entry (or a person and the expiry sweep) do it once.
 */
public final class ListEntryRepository {

  private static final String COLUMNS =
      "id, list_name, kind, entry_value, role, fraud_type, reason, source, evidence, "
          + "legal_basis, measures, author, created_at_ms, expires_at_ms, lifted_at_ms, lifted_by, lift_reason";

  private final DataSource ds;
  private final Jdbc jdbc;

  ListEntryRepository(DataSource ds) {
    this.ds = ds;
    this.jdbc = new Jdbc(ds, "list entries");
  }

  /** Stores a new entry. */
  public void insert(ListEntry e) {
    jdbc.update(
        "INSERT INTO list_entry ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ps -> bind(ps, e));
  }

  /** Stores many new entries in one transaction, in batches (an import). */
  public void insertAll(List<ListEntry> entries) {
    jdbc.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO list_entry ("
                      + COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ListEntry e : entries) {
              bind(ps, e);
              ps.addBatch();
            }
            ps.executeBatch();
          }
        });
  }

  /** Returns the entry with this id, lifted or not. */
  public Optional<ListEntry> find(String id) {
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM list_entry WHERE id = ?",
            ps -> ps.setString(1, id),
            ListEntryRepository::row)
        .stream()
        .findFirst();
  }

  /** Returns every entry naming this value, lifted ones too, newest first: its history. */
  public List<ListEntry> history(ListKind kind, String value) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM list_entry WHERE kind = ? AND entry_value = ? "
            + "ORDER BY created_at_ms DESC, id DESC",
        ps -> {
          ps.setString(1, kind.wireName());
          ps.setString(2, value);
        },
        ListEntryRepository::row);
  }

  /** Returns the entries in force at {@code nowMs} naming this value. */
  public List<ListEntry> inForce(ListKind kind, String value, long nowMs) {
    return history(kind, value).stream().filter(e -> e.inForce(nowMs)).toList();
  }

  /**
   * Returns up to {@code limit} entries, newest first, of one list (any when {@code null}), only
   * those in force at {@code nowMs} when asked.
   */
  public List<ListEntry> recent(
      @Nullable ListName list, boolean inForceOnly, long nowMs, int limit) {
    String where =
        (list == null ? "1 = 1" : "list_name = ?")
            + (inForceOnly
                ? " AND lifted_at_ms IS NULL AND (expires_at_ms IS NULL OR expires_at_ms > ?)"
                : "");
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM list_entry WHERE "
            + where
            + " ORDER BY created_at_ms DESC, id DESC LIMIT ?",
        ps -> {
          int i = 1;
          if (list != null) {
            ps.setString(i++, list.wireName());
          }
          if (inForceOnly) {
            ps.setLong(i++, nowMs);
          }
          ps.setInt(i, limit);
        },
        ListEntryRepository::row);
  }

  /**
   * Returns up to {@code limit} entries past their expiry at {@code nowMs} and not lifted yet,
   * oldest first.
   */
  public List<ListEntry> expired(long nowMs, int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM list_entry WHERE lifted_at_ms IS NULL AND expires_at_ms <= ? "
            + "ORDER BY expires_at_ms, id LIMIT ?",
        ps -> {
          ps.setLong(1, nowMs);
          ps.setInt(2, limit);
        },
        ListEntryRepository::row);
  }

  /**
   * Calls {@code each} for every entry of a list in force at {@code nowMs}, in id order, without
   * holding them all.
   */
  public void forEachInForce(ListName list, long nowMs, Consumer<ListEntry> each) {
    String after = "";
    while (true) {
      String from = after;
      // pages walk the (list_name, id) index; whether an entry is in force is checked here, not in
      // the query, so
      // the database has no other index to prefer
      List<ListEntry> page =
          jdbc.query(
              "SELECT "
                  + COLUMNS
                  + " FROM list_entry WHERE list_name = ? AND id > ? "
                  + "ORDER BY list_name, id LIMIT 5000",
              ps -> {
                ps.setString(1, list.wireName());
                ps.setString(2, from);
              },
              ListEntryRepository::row);
      for (ListEntry e : page) {
        if (e.inForce(nowMs)) {
          each.accept(e);
        }
      }
      if (page.size() < 5000) {
        return;
      }
      after = page.get(page.size() - 1).id();
    }
  }

  /**
   * Returns the entries in force at {@code nowMs} naming any of {@code values} of one kind, by
   * value: for a whole chunk of an import, one statement on one connection, run once per value on
   * the (kind, value) index (an {@code IN} list of thousands is not planned onto that index by
   * every database).
   */
  public java.util.Map<String, List<ListEntry>> inForce(
      ListKind kind, java.util.Collection<String> values, long nowMs) {
    java.util.Map<String, List<ListEntry>> out = new java.util.HashMap<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT " + COLUMNS + " FROM list_entry WHERE kind = ? AND " + "entry_value = ?")) {
      ps.setString(1, kind.wireName());
      for (String v : values) {
        ps.setString(2, v);
        try (java.sql.ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ListEntry e = row(rs);
            if (e.inForce(nowMs)) {
              out.computeIfAbsent(e.value(), x -> new java.util.ArrayList<>()).add(e);
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("list entries not read", e);
    }
    return out;
  }

  /** Lifts an entry not lifted yet; returns false when it does not exist or was lifted already. */
  public boolean lift(String id, String by, String reason, long nowMs) {
    return jdbc.update(
            "UPDATE list_entry SET lifted_at_ms = ?, lifted_by = ?, lift_reason = ? "
                + "WHERE id = ? AND lifted_at_ms IS NULL",
            ps -> {
              ps.setLong(1, nowMs);
              ps.setString(2, by);
              ps.setString(3, reason);
              ps.setString(4, id);
            })
        == 1;
  }

  private static void bind(PreparedStatement ps, ListEntry e) throws SQLException {
    ps.setString(1, e.id());
    ps.setString(2, e.list().wireName());
    ps.setString(3, e.kind().wireName());
    ps.setString(4, e.value());
    ps.setString(5, e.role() == null ? null : e.role().wireName());
    ps.setString(6, e.fraudType() == null ? null : e.fraudType().wireName());
    ps.setString(7, e.reason());
    ps.setString(8, e.source());
    ps.setString(9, e.evidence());
    ps.setString(10, e.legalBasis());
    ps.setString(11, e.measures());
    ps.setString(12, e.author());
    ps.setLong(13, e.createdAtMs());
    Jdbc.setLong(ps, 14, e.expiresAtMs());
    Jdbc.setLong(ps, 15, e.liftedAtMs());
    ps.setString(16, e.liftedBy());
    ps.setString(17, e.liftReason());
  }

  private static ListEntry row(ResultSet rs) throws SQLException {
    String role = rs.getString("role");
    String ft = rs.getString("fraud_type");
    return new ListEntry(
        rs.getString("id"),
        Objects.requireNonNull(ListName.fromWire(rs.getString("list_name"))),
        Objects.requireNonNull(ListKind.fromWire(rs.getString("kind"))),
        rs.getString("entry_value"),
        role == null ? null : Role.fromWire(role),
        ft == null ? null : FraudType.fromWire(ft),
        rs.getString("reason"),
        rs.getString("source"),
        rs.getString("evidence"),
        rs.getString("legal_basis"),
        rs.getString("measures"),
        rs.getString("author"),
        rs.getLong("created_at_ms"),
        Jdbc.getLong(rs, "expires_at_ms"),
        Jdbc.getLong(rs, "lifted_at_ms"),
        rs.getString("lifted_by"),
        rs.getString("lift_reason"));
  }
}

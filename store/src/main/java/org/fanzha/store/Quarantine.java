package org.fanzha.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.fanzha.core.codec.TextCheck;

/**
 * Keeps refused events with the field at fault and the reason (DESIGN principle 2), so an operator
 * can see what a sender got wrong and replay fixed events. The quarantine must never itself refuse
 * input: text longer than the columns allow is cut, and characters a database cannot keep (a NUL,
 * an unpaired surrogate: PostgreSQL refuses the first and garbles the second) become U+FFFD.
 */
public final class Quarantine {

  private static final int MAX_RAW = 16_384;

  private final DataSource ds;

  Quarantine(DataSource ds) {
    this.ds = ds;
  }

  /**
   * Stores the refused events of one input (an API request, a file) in one transaction.
   *
   * @param origin where they came from, e.g. {@code api:/api/v1/events} or {@code
   *     file:events.ndjson}
   */
  public void record(String origin, List<QuarantinedEvent> refused) {
    if (refused.isEmpty()) {
      return;
    }
    String sql =
        "INSERT INTO quarantine (origin, position, event_id, field, reason, raw) VALUES (?, ?, ?, ?, ?, ?)";
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (QuarantinedEvent q : refused) {
          ps.setString(1, storable(origin, 128));
          ps.setLong(2, q.position());
          ps.setString(3, q.eventId() == null ? null : storable(q.eventId(), 128));
          ps.setString(4, storable(q.field(), 128));
          ps.setString(5, storable(q.reason(), 1000));
          ps.setString(6, q.raw() == null ? null : storable(q.raw(), MAX_RAW));
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("quarantine write failed", e);
    }
  }

  /** Returns how many refused events are kept. */
  public long count() {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM quarantine");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("quarantine count failed", e);
    }
  }

  /** Returns the number of refused events per field at fault, most frequent first. */
  public Map<String, Long> countsByField() {
    String sql =
        "SELECT field, COUNT(*) AS n FROM quarantine GROUP BY field ORDER BY n DESC, field";
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      Map<String, Long> out = new LinkedHashMap<>();
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("quarantine count failed", e);
    }
  }

  /** Returns up to {@code limit} most recent entries, newest first. */
  public List<QuarantineEntry> recent(int limit) {
    String sql =
        "SELECT id, received_at, origin, position, event_id, field, reason, raw FROM quarantine"
            + " ORDER BY id DESC LIMIT ?";
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, limit);
      List<QuarantineEntry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new QuarantineEntry(
                  rs.getLong(1),
                  rs.getObject(2, OffsetDateTime.class).toInstant(),
                  rs.getString(3),
                  new QuarantinedEvent(
                      rs.getLong(4),
                      rs.getString(5),
                      rs.getString(6),
                      rs.getString(7),
                      rs.getString(8))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("quarantine read failed", e);
    }
  }

  private static String storable(String s, int max) {
    return TextCheck.storable(cut(s, max));
  }

  private static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--; // never split a surrogate pair
    }
    return s.substring(0, end) + "…";
  }
}

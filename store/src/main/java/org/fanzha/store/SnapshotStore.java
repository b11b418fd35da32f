package org.fanzha.store;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Stores serialised engine state with the journal sequence number it covers. Recovery loads the
 * latest and replays the journal after it; older snapshots beyond the newest {@value #KEEP} are
 * deleted, as the journal already holds everything they could restore.
 */
public final class SnapshotStore {

  /** How many snapshots are kept; two, so a damaged newest one still leaves a fallback. */
  static final int KEEP = 2;

  private final DataSource ds;

  SnapshotStore(DataSource ds) {
    this.ds = ds;
  }

  /** Writes state to a stream; may throw I/O errors. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  /** Reads state from a stream; may throw I/O errors. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(InputStream in) throws IOException;
  }

  /** A snapshot read back: the state and the last journal sequence number it includes. */
  public record Loaded<T>(long seqCovered, T state) {}

  /**
   * Saves a snapshot covering the journal up to {@code seqCovered}; returns its size in bytes. The
   * state is spooled to a temporary file first, so the writer runs without a connection held and
   * the database receives a stream of known length.
   */
  public long save(long seqCovered, Writer writer) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile("fanzha-snapshot", ".bin");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        writer.write(out);
      }
      long size = Files.size(tmp);
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tmp), 1 << 16);
            PreparedStatement ins =
                c.prepareStatement(
                    "INSERT INTO engine_snapshot (seq_covered, size_bytes, state) VALUES (?, ?, ?)");
            PreparedStatement prune =
                c.prepareStatement(
                    "DELETE FROM engine_snapshot WHERE id NOT IN ("
                        + "SELECT id FROM (SELECT id FROM engine_snapshot ORDER BY id DESC LIMIT "
                        + KEEP
                        + ") AS keep)")) {
          ins.setLong(1, seqCovered);
          ins.setLong(2, size);
          ins.setBinaryStream(3, in, size);
          ins.executeUpdate();
          prune.executeUpdate();
          c.commit();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      }
      return size;
    } catch (SQLException e) {
      throw new StoreException("snapshot save failed", e);
    } catch (IOException e) {
      throw new StoreException("snapshot serialisation failed", e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // a left-over temp file is harmless
        }
      }
    }
  }

  /** Returns the newest snapshot's covered sequence number, if there is one. */
  public Optional<Long> latestSeq() {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT seq_covered FROM engine_snapshot ORDER BY id DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
    } catch (SQLException e) {
      throw new StoreException("snapshot look-up failed", e);
    }
  }

  /**
   * Reads the newest snapshot with the reader; empty if there is none. A reader that throws makes
   * this throw: the caller decides whether to fall back to a full replay.
   */
  public <T> Optional<Loaded<T>> loadLatest(Reader<T> reader) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false); // large objects stream only inside a transaction on PostgreSQL
      try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT seq_covered, state FROM engine_snapshot ORDER BY id DESC LIMIT 1");
          ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          c.commit();
          return Optional.empty();
        }
        long seq = rs.getLong(1);
        T state;
        try (InputStream in = new BufferedInputStream(rs.getBinaryStream(2), 1 << 16)) {
          state = reader.read(in);
        }
        c.commit();
        return Optional.of(new Loaded<>(seq, state));
      }
    } catch (SQLException e) {
      throw new StoreException("snapshot load failed", e);
    } catch (IOException e) {
      throw new StoreException("snapshot deserialisation failed", e);
    }
  }
}

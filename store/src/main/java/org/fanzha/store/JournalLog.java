package org.fanzha.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The journal's write-ahead log: accepted events appended to segment files and forced to disk once
 * per batch, ahead of the journal table, which a copier fills behind it (decision 0020). A database
 * commit cost the decide path about 1.5–3.5 ms a batch, mostly rewriting B-tree pages; a forced
 * append costs about 0.2 ms on this machine.
 *
 * <p>A segment {@code <first seq>.log} holds records {@code [int length][int crc32c][long seq][long
 * received at] [length bytes of the event's stored line, UTF-8]}, the CRC over everything after it.
 * Only the tail of the last segment can be torn (a crash during a write that was never
 * acknowledged); {@link #recover} cuts it off. A bad record anywhere else is damage, and recovery
 * stops with an error rather than skip accepted events.
 */
final class JournalLog implements AutoCloseable {

  /** One logged event. */
  record Entry(long seq, long receivedAtMillis, String line) {}

  /** Opens a new segment file for writing (the seam a test uses to make the disk fail). */
  @FunctionalInterface
  interface Segments {
    FileChannel create(Path file) throws IOException;
  }

  private static final Segments FILES =
      file -> FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  static final long SEGMENT_BYTES = 64L << 20;
  private static final int HEADER = 4 + 4 + 8 + 8;
  private static final int MAX_LINE = 16 << 20;
  private static final String SUFFIX = ".log";

  private final Path dir;
  private final long segmentBytes;
  private final Segments files;
  private final TreeMap<Long, Path> segments = new TreeMap<>(); // by first seq; guarded by this
  private @Nullable FileChannel current; // guarded by this
  private ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16); // guarded by this
  private @Nullable String broken; // why appends are refused; guarded by this

  private JournalLog(Path dir, long segmentBytes, Segments files) {
    this.dir = dir;
    this.segmentBytes = segmentBytes;
    this.files = files;
  }

  /**
   * Opens the log in {@code dir} (created when missing); call {@link #recover} before appending.
   */
  static JournalLog open(Path dir) {
    return open(dir, SEGMENT_BYTES);
  }

  static JournalLog open(Path dir, long segmentBytes) {
    return open(dir, segmentBytes, FILES);
  }

  static JournalLog open(Path dir, long segmentBytes, Segments files) {
    try {
      Files.createDirectories(dir);
      JournalLog log = new JournalLog(dir, segmentBytes, files);
      try (Stream<Path> listed = Files.list(dir)) {
        listed
            .filter(p -> p.getFileName().toString().matches("[0-9]{20}\\" + SUFFIX))
            .forEach(
                p ->
                    log.segments.put(
                        Long.parseLong(p.getFileName().toString().substring(0, 20)), p));
      }
      return log;
    } catch (IOException e) {
      throw new StoreException("journal log " + dir + " cannot be opened", e);
    }
  }

  /**
   * Hands every intact record to {@code entries}, oldest first, cutting a torn tail off the last
   * segment; returns the highest sequence number read (0 when the log is empty).
   *
   * @throws StoreException when a segment other than the last is damaged, or the disk fails
   */
  synchronized long recover(Consumer<Entry> entries) {
    long[] last = {0};
    try {
      List<Map.Entry<Long, Path>> all = List.copyOf(segments.entrySet());
      for (int i = 0; i < all.size(); i++) {
        Path segment = all.get(i).getValue();
        Read r =
            read(
                segment,
                all.get(i).getKey(),
                e -> {
                  entries.accept(e);
                  last[0] = e.seq();
                });
        long size = Files.size(segment);
        boolean isLast = i == all.size() - 1;
        // a segment before the last must hold every record up to the next one's first
        if (!isLast && (r.intact() < size || r.lastSeq() != all.get(i + 1).getKey() - 1)) {
          throw new IOException(
              "segment "
                  + segment.getFileName()
                  + " is damaged at byte "
                  + r.intact()
                  + " and is not the last; its later records cannot be trusted, nor skipped");
        }
        if (r.intact() < size) {
          org.slf4j.LoggerFactory.getLogger(JournalLog.class)
              .warn(
                  "Journal log: cutting {} bytes of a write that was never acknowledged off {}",
                  size - r.intact(),
                  segment.getFileName());
          try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(r.intact()); // a write that was never acknowledged
            ch.force(true);
          }
        }
      }
      return last[0];
    } catch (IOException e) {
      throw new StoreException("journal log " + dir + " cannot be read", e);
    }
  }

  /**
   * Appends the entries (consecutive sequence numbers) and forces them to disk before returning.
   */
  synchronized void append(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    if (broken != null) {
      throw new StoreException("journal log append refused: " + broken);
    }
    try {
      FileChannel ch = channelFor(entries.get(0).seq());
      long start = ch.position();
      try {
        for (Entry e : entries) {
          byte[] line = e.line().getBytes(StandardCharsets.UTF_8);
          if (line.length > MAX_LINE) {
            throw new IOException(
                "event seq "
                    + e.seq()
                    + " is "
                    + line.length
                    + " bytes; the log takes up to "
                    + MAX_LINE);
          }
          if (buffer.remaining() < HEADER + line.length) {
            flush(ch);
            if (buffer.capacity() < HEADER + line.length) {
              buffer = ByteBuffer.allocateDirect(HEADER + line.length);
            }
          }
          int at = buffer.position();
          buffer
              .putInt(line.length)
              .putInt(0)
              .putLong(e.seq())
              .putLong(e.receivedAtMillis())
              .put(line);
          CRC32C crc = new CRC32C();
          crc.update(buffer.duplicate().position(at + 8).limit(buffer.position()));
          buffer.putInt(at + 4, (int) crc.getValue());
        }
        flush(ch);
        ch.force(false);
      } catch (IOException | RuntimeException e) {
        buffer.clear();
        undo(ch, start, e);
        throw e;
      }
    } catch (IOException e) {
      throw new StoreException("journal log append failed", e);
    }
  }

  /**
   * Cuts a failed batch off the segment: nothing of it stays, as it was not acknowledged. When even
   * that fails, records appended after the torn bytes would be lost to recovery, so the log takes
   * nothing more until it is opened again.
   */
  private void undo(FileChannel ch, long start, Exception failure) {
    try {
      ch.truncate(start);
      ch.position(start);
    } catch (IOException e) {
      failure.addSuppressed(e);
      broken =
          "a failed write could not be undone (" + e.getMessage() + "); restart to recover the log";
    }
  }

  /**
   * Deletes the segments whose every record has a sequence number up to {@code seq} (copied to the
   * table).
   */
  synchronized void dropUpTo(long seq) {
    while (segments.size() > 1) {
      Map.Entry<Long, Path> first = segments.firstEntry();
      long nextFirst = segments.higherKey(first.getKey());
      if (nextFirst - 1 > seq) {
        return;
      }
      delete(first.getValue());
      segments.remove(first.getKey());
    }
  }

  /**
   * Deletes every segment; the next append starts a new one. For after recovery has copied
   * everything.
   */
  synchronized void clear() {
    closeCurrent();
    for (Path p : segments.values()) {
      delete(p);
    }
    segments.clear();
  }

  /** Returns how many segment files there are. */
  synchronized int segmentCount() {
    return segments.size();
  }

  @Override
  public synchronized void close() {
    closeCurrent();
  }

  private FileChannel channelFor(long firstSeq) throws IOException {
    FileChannel ch = current;
    if (ch != null && ch.position() < segmentBytes) {
      return ch;
    }
    if (ch != null) {
      ch.force(true);
      ch.close();
    }
    Path p = dir.resolve(String.format("%020d", firstSeq) + SUFFIX);
    if (!segments.isEmpty() && segments.lastEntry().getValue().equals(p)) {
      throw new IOException("segment " + p + " exists already");
    }
    FileChannel fresh = files.create(p);
    forceDirectory(); // the new file's name must survive a crash as well as its content
    segments.put(firstSeq, p);
    current = fresh;
    return fresh;
  }

  private void flush(FileChannel ch) throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      ch.write(buffer);
    }
    buffer.clear();
  }

  private void forceDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // some file systems cannot open a directory for this; the file's own force still holds its
      // content
    }
  }

  /** Where a segment's intact records end, and the last one's sequence number (-1: none). */
  private record Read(long intact, long lastSeq) {}

  /** Reads a segment's intact records; the first must be numbered {@code first}, as it is named. */
  private static Read read(Path segment, long first, Consumer<Entry> entries) throws IOException {
    byte[] all = Files.readAllBytes(segment);
    ByteBuffer b = ByteBuffer.wrap(all);
    long expected = first;
    int intact = 0;
    while (b.remaining() >= HEADER) {
      int at = b.position();
      int length = b.getInt();
      int crcStored = b.getInt();
      if (length < 0 || length > MAX_LINE || b.remaining() < 16 + length) {
        break;
      }
      CRC32C crc = new CRC32C();
      crc.update(all, at + 8, 16 + length);
      if ((int) crc.getValue() != crcStored) {
        break;
      }
      long seq = b.getLong();
      long receivedAt = b.getLong();
      if (seq != expected && expected == first) {
        throw new IOException(
            "segment " + segment.getFileName() + " begins with record " + seq + ", not " + first);
      }
      if (seq != expected) {
        break; // not the next record: garbage that happens to check out is not trusted either
      }
      String line = new String(all, b.position(), length, StandardCharsets.UTF_8);
      b.position(b.position() + length);
      entries.accept(new Entry(seq, receivedAt, line));
      expected = seq + 1;
      intact = b.position();
    }
    return new Read(intact, expected == first ? -1 : expected - 1);
  }

  private void closeCurrent() {
    FileChannel ch = current;
    current = null;
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new StoreException("journal log segment " + p + " cannot be deleted", e);
    }
  }
}

package org.fanzha.server.warnings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The playbook in force: the shipped one, or an operator's file that is read again whenever it
 * changes (a broken edit is logged and the last good playbook stays in force).
 */
final class PlaybookSource {
  private static final Logger log = LoggerFactory.getLogger(PlaybookSource.class);
  static final String SHIPPED = "warnings/playbook.yaml";

  private final @Nullable Path file;
  private Playbook current;
  private long modified;

  /**
   * @throws IllegalArgumentException when the file (or the shipped playbook) is not a valid
   *     playbook: a server does not start with a broken one
   */
  PlaybookSource(@Nullable Path file) {
    this.file = file;
    this.current = Playbook.parse(file == null ? shipped() : read(file));
    this.modified = file == null ? 0 : lastModified(file);
  }

  /** The playbook in force now. */
  synchronized Playbook current() {
    if (file != null) {
      long m = lastModified(file);
      if (m != modified) {
        modified = m;
        try {
          current = Playbook.parse(read(file));
          log.info("Warning playbook re-read from {}", file);
        } catch (RuntimeException e) {
          log.warn(
              "Warning playbook {} not taken, the previous one stays in force: {}",
              file,
              e.getMessage());
        }
      }
    }
    return current;
  }

  static String shipped() {
    try (InputStream in = PlaybookSource.class.getClassLoader().getResourceAsStream(SHIPPED)) {
      if (in == null) {
        throw new IllegalStateException(SHIPPED + " missing from the server jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("warning playbook " + f + " not readable", e);
    }
  }

  private static long lastModified(Path f) {
    try {
      return Files.getLastModifiedTime(f).toMillis();
    } catch (IOException e) {
      return -1;
    }
  }
}

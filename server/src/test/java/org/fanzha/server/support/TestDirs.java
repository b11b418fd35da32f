package org.fanzha.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary folders for a test server's data, made before Spring reads the test's properties. Each
 * is deleted when the test JVM exits: a server's H2 file reaches gigabytes under load, and a folder
 * left per run filled the CI disk.
 */
public final class TestDirs {

  private TestDirs() {}

  /**
   * Returns a new empty temporary folder whose name starts with {@code prefix}, deleted when the
   * JVM exits.
   */
  public static Path create(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> delete(dir), "delete " + dir.getFileName()));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Deletes {@code dir} and everything under it; what cannot be deleted is left (best effort at
   * exit).
   */
  public static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a folder in the system's temporary space
    }
  }
}

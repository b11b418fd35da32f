package org.fanzha.server.runner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.fanzha.engine.EngineConfig;
import org.fanzha.text.TextClassifiers;
import org.jspecify.annotations.Nullable;

/** Builds the engine's configuration the same way for the live server and for {@code replay}. */
public final class EngineSettings {

  private EngineSettings() {}

  /**
   * Returns the defaults overridden by {@code file} (a .properties of rule thresholds and weights, when given), with the
   * shipped text model scoring SMS when {@code contentModel} is set.
   */
  public static EngineConfig load(@Nullable Path file, boolean contentModel) throws IOException {
    EngineConfig config = EngineConfig.defaults();
    if (file != null) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      }
      config = EngineConfig.fromProperties(p);
    }
    return contentModel ? config.withContentClassifier(TextClassifiers.loadDefaultCached()) : config;
  }
}

package org.fanzha.server.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.fanzha.engine.model.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which trained model the server scores with: the shipped one, none, or a file, and a broken file
 * refused.
 */
class EngineSettingsTest {

  @Test
  void theShippedModelByDefault_noneForRulesAlone_aFileByItsPath(@TempDir Path dir)
      throws Exception {
    assertThat(EngineSettings.load(null, false, "").models()).isSameAs(Models.shipped());
    assertThat(EngineSettings.load(null, false, "shipped").models()).isSameAs(Models.shipped());
    assertThat(EngineSettings.load(null, false, "none").models().phone()).isNull();
    Path file = dir.resolve("m.yaml");
    Files.writeString(
        file,
        Models.shipped()
            .write()
            .replace("version: '" + Models.shipped().version() + "'", "version: 'local-1'"));
    assertThat(EngineSettings.load(null, false, file.toString()).models().version())
        .isEqualTo("local-1");
    Files.writeString(file, "format: fanzha-model/1\n");
    assertThatThrownBy(() -> EngineSettings.load(null, false, file.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("version");
  }
}

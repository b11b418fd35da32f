package org.fanzha.server.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.model.ModelFileException;
import org.fanzha.engine.model.Models;
import org.fanzha.engine.rules.RuleFiles;
import org.fanzha.text.TextClassifiers;
import org.jspecify.annotations.Nullable;

/** Builds the engine's configuration the same way for the live server and for {@code replay}. */
public final class EngineSettings {

  private EngineSettings() {}

  /**
   * Returns the shipped rules, or those of {@code rulesFile} (a rule file, API.md) when given, with
   * the shipped text model scoring SMS when {@code contentModel} is set.
   *
   * @throws RuleFiles.InvalidRuleFile listing every problem of the file
   */
  public static EngineConfig load(@Nullable Path rulesFile, boolean contentModel) {
    EngineConfig config = EngineConfig.defaults();
    if (rulesFile != null) {
      config = config.withRules(RuleFiles.load(rulesFile));
    }
    return contentModel
        ? config.withContentClassifier(TextClassifiers.loadDefaultCached())
        : config;
  }

  /**
   * As {@link #load(Path, boolean)}, scoring with the trained model {@code model} names: empty or
   * {@code shipped} for the one in the engine jar, {@code none} for the rules alone, else a model
   * file ({@code ./fanzha train-model}).
   *
   * @throws IllegalArgumentException saying what is wrong with the model file
   */
  public static EngineConfig load(@Nullable Path rulesFile, boolean contentModel, String model) {
    EngineConfig config = load(rulesFile, contentModel);
    return switch (model.strip()) {
      case "", "shipped" -> config;
      case "none" -> config.withModels(Models.none());
      default -> {
        try {
          yield config.withModels(Models.parse(Files.readString(Path.of(model.strip()))));
        } catch (IOException | ModelFileException e) {
          throw new IllegalArgumentException(
              "fanzha.engine.model " + model + ": " + e.getMessage(), e);
        }
      }
    };
  }
}

package org.fanzha.server.runner;

import java.nio.file.Path;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.rules.RuleFiles;
import org.fanzha.text.TextClassifiers;
import org.jspecify.annotations.Nullable;

/** Builds the engine's configuration the same way for the live server and for {@code replay}. */
public final class EngineSettings {

  private EngineSettings() {}

  /**
   * Returns the shipped rules, or those of {@code rulesFile} (a rule file, API.md) when given, with the shipped text
   * model scoring SMS when {@code contentModel} is set.
   *
   * @throws RuleFiles.InvalidRuleFile listing every problem of the file
   */
  public static EngineConfig load(@Nullable Path rulesFile, boolean contentModel) {
    EngineConfig config = EngineConfig.defaults();
    if (rulesFile != null) {
      config = config.withRules(RuleFiles.load(rulesFile));
    }
    return contentModel ? config.withContentClassifier(TextClassifiers.loadDefaultCached()) : config;
  }
}

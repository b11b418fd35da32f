package org.fanzha.flink;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fanzha.core.content.ContentClassifier;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.RuleFiles;
import org.fanzha.engine.rules.file.RuleFileException;
import org.fanzha.text.TextClassifiers;
import org.jspecify.annotations.Nullable;

/**
 * What every scoring task builds its engine from. It travels with the job graph to the task
 * managers, so it holds the rule file's text (a task manager may not see the client's files), not a
 * path.
 *
 * @param rulesText a rule file (API.md "Rule file"), or null for the shipped rules
 * @param contentModel whether SMS text is scored with the shipped content model, as the server does
 * @param dedupeWindowMs how long, in event time, an event id is remembered to skip its repeats (at
 *     least this long, at most twice); {@link Long#MAX_VALUE} means a recorded file: every id is
 *     remembered and times are checked as the embedded replay checks them
 */
public record JobSettings(@Nullable String rulesText, boolean contentModel, long dedupeWindowMs)
    implements Serializable {

  /** Every id remembered: for bounded inputs. */
  public JobSettings(@Nullable String rulesText, boolean contentModel) {
    this(rulesText, contentModel, Long.MAX_VALUE);
  }

  /**
   * Whether the input is a recorded file (scored as the embedded replay scores it) rather than a
   * stream.
   */
  public boolean recordedFile() {
    return dedupeWindowMs == Long.MAX_VALUE;
  }

  /**
   * Returns these settings remembering ids for {@code window} of event time (a stream that never
   * ends).
   */
  public JobSettings withDedupeWindow(java.time.Duration window) {
    return new JobSettings(rulesText, contentModel, window.toMillis());
  }

  /** The shipped rules and the content model: what the server runs. */
  public static JobSettings shipped() {
    return new JobSettings(null, true);
  }

  /**
   * Returns settings with the rules of {@code rulesFile}, checked here so a bad file fails on the
   * client.
   *
   * @throws RuleFiles.InvalidRuleFile listing every problem of the file
   */
  public static JobSettings of(@Nullable Path rulesFile, boolean contentModel) throws IOException {
    if (rulesFile == null) {
      return new JobSettings(null, contentModel);
    }
    RuleFiles.load(rulesFile);
    return new JobSettings(Files.readString(rulesFile, StandardCharsets.UTF_8), contentModel);
  }

  /** Builds the configuration the engine runs with. */
  public EngineConfig engineConfig() {
    return engineConfig(null);
  }

  /**
   * The content model that classifies SMS and report text, or null when the settings score without
   * one.
   */
  public @Nullable ContentClassifier contentClassifier() {
    return contentModel ? TextClassifiers.loadDefaultCached() : null;
  }

  /**
   * Builds the configuration the engine runs with, scoring with {@code adoptedRules} (a rule file
   * the job adopted while running, restored from a checkpoint) in place of the job's own rules when
   * given.
   */
  public EngineConfig engineConfig(@Nullable String adoptedRules) {
    return engineConfig(adoptedRules, contentClassifier());
  }

  /** As {@link #engineConfig(String)}, with {@code classifier} (null: none) reading text. */
  public EngineConfig engineConfig(
      @Nullable String adoptedRules, @Nullable ContentClassifier classifier) {
    String text = adoptedRules != null ? adoptedRules : rulesText;
    EngineConfig config = EngineConfig.defaults();
    if (text != null) {
      try {
        config = config.withRules(RuleBook.parse(text));
      } catch (RuleFileException e) {
        throw new IllegalStateException(
            "a rule file the job was given no longer compiles: " + e.getMessage(), e);
      }
    }
    return config.withContentClassifier(classifier);
  }
}

package org.fanzha.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fanzha.core.content.ContentClassifier;
import org.fanzha.text.features.SignalDetector;
import org.fanzha.text.model.HashedTextClassifier;
import org.fanzha.text.model.LinearTextModel;
import org.fanzha.text.model.RecentVerdicts;
import org.fanzha.text.url.UrlRiskAnalyzer;

/** Factory of content classifiers: the shipped model, or one read from a file. */
public final class TextClassifiers {

  /** Classpath location of the shipped model. */
  public static final String DEFAULT_MODEL = "/org/fanzha/text/model.bin";

  private TextClassifiers() {}

  /**
   * Returns the classifier of the model shipped in this jar, loaded once (about 0.1 s and 13 MB of
   * heap) and shared; it is thread-safe.
   *
   * @throws IllegalStateException when the jar has no model
   */
  public static ContentClassifier loadDefault() {
    return Default.INSTANCE;
  }

  /**
   * Returns the shipped classifier behind a cache of recent verdicts, for streams where blasts
   * repeat one text (the engine's SMS path); the verdicts are the same as {@link #loadDefault()}'s.
   */
  public static ContentClassifier loadDefaultCached() {
    return new RecentVerdicts(loadDefault(), 1 << 16);
  }

  private static final class Default {
    static final HashedTextClassifier INSTANCE = loadResource();
  }

  private static HashedTextClassifier loadResource() {
    try (InputStream in = TextClassifiers.class.getResourceAsStream(DEFAULT_MODEL)) {
      if (in == null) {
        throw new IllegalStateException(
            "no content model at " + DEFAULT_MODEL + " on the classpath");
      }
      return of(LinearTextModel.read(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEFAULT_MODEL, e);
    }
  }

  /** Returns the classifier of a model file written by {@code TrainMain}. */
  public static HashedTextClassifier load(Path model) throws IOException {
    try (InputStream in = Files.newInputStream(model)) {
      return of(LinearTextModel.read(in));
    }
  }

  /** Returns a classifier over {@code model} with the default signal detector and URL catalogue. */
  public static HashedTextClassifier of(LinearTextModel model) {
    return new HashedTextClassifier(model, new SignalDetector(UrlRiskAnalyzer.withDefaults()));
  }
}

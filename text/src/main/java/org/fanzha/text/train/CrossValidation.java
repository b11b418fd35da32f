package org.fanzha.text.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.fanzha.core.content.ContentClassifier;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.text.TextClassifiers;
import org.fanzha.text.model.LinearTextModel;

/**
 * K-fold cross-validation of the whole pipeline: folds are stratified by source and label, each
 * fold's model is trained by {@link Trainer} on the other folds, and every text is predicted
 * exactly once by a model that never saw it.
 */
public final class CrossValidation {

  /**
   * One out-of-fold prediction.
   *
   * @param text the text with its true label and source
   * @param verdict what the fold's model said
   * @param fold the fold it was held out in
   */
  public record Prediction(LabeledText text, ContentVerdict verdict, int fold) {}

  private CrossValidation() {}

  /**
   * Returns the out-of-fold predictions for {@code texts}, in their order.
   *
   * @param folds number of folds (≥ 2)
   * @param seed fold assignment seed
   * @param progress told about each finished fold
   */
  public static List<Prediction> run(
      List<LabeledText> texts, Trainer trainer, int folds, long seed, Consumer<String> progress) {
    int[] fold = assignFolds(texts, folds, seed);
    Prediction[] out = new Prediction[texts.size()];
    for (int f = 0; f < folds; f++) {
      List<LabeledText> train = new ArrayList<>();
      for (int i = 0; i < texts.size(); i++) {
        if (fold[i] != f) {
          train.add(texts.get(i));
        }
      }
      long t0 = System.nanoTime();
      LinearTextModel model = trainer.train(train);
      ContentClassifier c = TextClassifiers.of(model);
      for (int i = 0; i < texts.size(); i++) {
        if (fold[i] == f) {
          out[i] = new Prediction(texts.get(i), c.classify(texts.get(i).text()), f);
        }
      }
      progress.accept(
          String.format(
              "fold %d/%d trained on %d texts in %.1f s",
              f + 1, folds, train.size(), (System.nanoTime() - t0) / 1e9));
    }
    return List.of(out);
  }

  /** Returns a fold number per text, stratified by (source, label), shuffled with {@code seed}. */
  static int[] assignFolds(List<LabeledText> texts, int folds, long seed) {
    Map<String, List<Integer>> strata = new LinkedHashMap<>();
    for (int i = 0; i < texts.size(); i++) {
      LabeledText t = texts.get(i);
      strata.computeIfAbsent(t.source() + "\u0000" + t.label(), k -> new ArrayList<>()).add(i);
    }
    int[] fold = new int[texts.size()];
    Random rnd = new Random(seed);
    for (List<Integer> idx : strata.values()) {
      Collections.shuffle(idx, rnd);
      for (int j = 0; j < idx.size(); j++) {
        fold[idx.get(j)] = j % folds;
      }
    }
    return fold;
  }
}

package org.fanzha.text.train;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.core.event.FraudType;
import org.fanzha.text.features.SignalDetector;
import org.fanzha.text.model.LinearTextModel;

/**
 * Trains a {@link LinearTextModel} with LIBLINEAR (L2-regularised logistic regression, one-vs-rest)
 * and exports its weights into the model's float array.
 *
 * <p>Deterministic: the same texts in the same order with the same settings give the same weights
 * (LIBLINEAR's random generator is reset before each run).
 */
public final class Trainer {

  /** Every label a model may know, in the order a model lists them. */
  public static final List<String> LABEL_ORDER = labelOrder();

  /**
   * Training settings.
   *
   * @param bits n-gram buckets are {@code 2^bits}
   * @param c LIBLINEAR's cost (inverse regularisation)
   * @param eps stopping tolerance
   * @param fraudWeight LIBLINEAR class weight of every fraud type ({@code none} and {@code spam}
   *     weigh 1): fraud classes are small beside tens of thousands of normal and spam texts, and a
   *     missed fraud costs more than a fraud flag on an ad
   */
  public record Settings(int bits, double c, double eps, double fraudWeight) {
    /** The settings of the shipped model. */
    public static final Settings DEFAULT = new Settings(18, 16.0, 0.01, 3.0);

    /** Returns settings with fraud weight 1. */
    public Settings(int bits, double c, double eps) {
      this(bits, c, eps, 1.0);
    }
  }

  private final Settings settings;
  private final SignalDetector detector;

  /** Returns a trainer with the given settings and the default signal detector. */
  public Trainer(Settings settings) {
    this(settings, SignalDetector.withDefaults());
  }

  /** Returns a trainer with the given settings and signal detector. */
  public Trainer(Settings settings, SignalDetector detector) {
    this.settings = settings;
    this.detector = detector;
  }

  private static List<String> labelOrder() {
    List<String> l = new ArrayList<>();
    l.add(ContentVerdict.NONE);
    l.add(ContentVerdict.SPAM);
    for (FraudType t : FraudType.values()) {
      l.add(t.wireName());
    }
    return List.copyOf(l);
  }

  /** Returns a model trained on {@code texts}; needs at least two labels among them. */
  public LinearTextModel train(List<LabeledText> texts) {
    List<String> labels = new ArrayList<>();
    for (String l : LABEL_ORDER) {
      for (LabeledText t : texts) {
        if (t.label().equals(l)) {
          labels.add(l);
          break;
        }
      }
    }
    for (LabeledText t : texts) {
      if (!LABEL_ORDER.contains(t.label())) {
        throw new IllegalArgumentException("unknown label '" + t.label() + "'");
      }
    }
    if (labels.size() < 2) {
      throw new IllegalArgumentException("need at least 2 labels to train, got " + labels);
    }
    FeatureEncoder encoder = new FeatureEncoder(settings.bits(), detector);
    Problem p = new Problem();
    p.l = texts.size();
    p.n = encoder.featureCount() + 1; // + bias
    p.bias = 1;
    p.x = new Feature[p.l][];
    p.y = new double[p.l];
    for (int i = 0; i < p.l; i++) {
      LabeledText t = texts.get(i);
      Feature[] f = encoder.encode(t.text());
      Feature[] withBias = java.util.Arrays.copyOf(f, f.length + 1);
      withBias[f.length] = new de.bwaldvogel.liblinear.FeatureNode(p.n, 1.0);
      p.x[i] = withBias;
      p.y[i] = labels.indexOf(t.label());
    }
    Linear.disableDebugOutput();
    Linear.resetRandom();
    Parameter param = new Parameter(SolverType.L2R_LR_DUAL, settings.c(), settings.eps());
    if (settings.fraudWeight() != 1.0) {
      double[] weights = new double[labels.size()];
      int[] classes = new int[labels.size()];
      for (int k = 0; k < labels.size(); k++) {
        classes[k] = k;
        boolean fraud = FraudType.fromWire(labels.get(k)) != null;
        weights[k] = fraud ? settings.fraudWeight() : 1.0;
      }
      param.setWeights(weights, classes);
    }
    Model m = Linear.train(p, param);
    return export(m, labels, encoder.featureCount());
  }

  private LinearTextModel export(Model m, List<String> labels, int features) {
    int k = labels.size();
    int[] order = m.getLabels(); // LIBLINEAR's class i is our label order[i]
    double[] w = m.getFeatureWeights();
    int nrClass = m.getNrClass();
    float[] weights = new float[features * k];
    float[] bias = new float[k];
    if (nrClass == 2) {
      // Binary LIBLINEAR keeps one vector, positive for its first class: give the second the
      // negated vector so arg-max and the normalised sigmoids still agree with it.
      for (int r = 0; r < features; r++) {
        weights[r * k + order[0]] = (float) w[r];
        weights[r * k + order[1]] = (float) -w[r];
      }
      bias[order[0]] = (float) w[features];
      bias[order[1]] = (float) -w[features];
      return new LinearTextModel(labels, settings.bits(), weights, bias);
    }
    for (int i = 0; i < nrClass; i++) {
      int ours = order[i];
      for (int r = 0; r < features; r++) {
        weights[r * k + ours] = (float) w[r * nrClass + i];
      }
      bias[ours] = (float) w[features * nrClass + i];
    }
    return new LinearTextModel(labels, settings.bits(), weights, bias);
  }
}

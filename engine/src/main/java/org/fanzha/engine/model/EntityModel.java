package org.fanzha.engine.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.features.FeatureModel;

/**
 * A forest bound to one kind's features flyweight: the model a rule reads as {@code
 * features.model_score}.
 */
public final class EntityModel implements FeatureModel {

  private final Class<?> holder;
  private final List<String> inputNames;
  private final Forest forest;
  private final VectorFill fill;
  private final Margin margin;

  /**
   * Binds {@code forest} to {@code holder}'s fields named {@code inputNames}, in the forest's
   * feature order.
   *
   * @throws ModelFileException when a name is not a field the model may read, or the counts differ
   */
  public EntityModel(Class<?> holder, List<String> inputNames, Forest forest)
      throws ModelFileException {
    if (inputNames.size() != forest.features()) {
      throw new ModelFileException(
          holder.getSimpleName()
              + ": "
              + inputNames.size()
              + " inputs named, the trees read "
              + forest.features());
    }
    this.holder = holder;
    this.inputNames = List.copyOf(inputNames);
    this.forest = forest;
    this.fill = Inputs.compile(holder, inputNames);
    this.margin = CompiledForest.compile(forest);
  }

  /** Returns the flyweight class this model reads. */
  public Class<?> holder() {
    return holder;
  }

  /** Returns the input names, in order. */
  public List<String> inputNames() {
    return inputNames;
  }

  /** Returns the trees. */
  public Forest forest() {
    return forest;
  }

  @Override
  public int inputs() {
    return inputNames.size();
  }

  @Override
  public double probability(Object features, double[] input) {
    fill.fill(features, input);
    return 1 / (1 + Math.exp(-margin.of(input)));
  }

  /** Returns the input vector of {@code features} (a new array). */
  public double[] input(Object features) {
    double[] x = new double[inputs()];
    fill.fill(features, x);
    return x;
  }

  /** One input's share of a score: its name, its value, and how far it moved the log-odds. */
  public record Contribution(String input, double value, double logOdds) {

    /** The code a contribution carries among a decision's reasons: {@code MODEL:<input>}. */
    public static final String CODE_PREFIX = "MODEL:";

    /** Returns this contribution as a reason in both languages, as rules give theirs. */
    public Reason reason() {
      String v =
          Double.isNaN(value)
              ? "—"
              : value == Math.rint(value) && Math.abs(value) < 1e15
                  ? Long.toString((long) value)
                  : String.format(Locale.ROOT, "%.2f", value);
      String by = String.format(Locale.ROOT, "%+.2f", logOdds);
      return new Reason(
          CODE_PREFIX + input,
          "模型依据 " + input + " = " + v + "（对数几率 " + by + "）",
          "Model: " + input + " = " + v + " moved its log-odds by " + by);
    }
  }

  /**
   * Returns the {@code top} inputs that moved this entity's score most, either way, largest first
   * (TreeSHAP: exact Shapley values of the trees; they add up to the margin less the model's
   * average).
   */
  public List<Contribution> reasons(Object features, int top) {
    double[] x = input(features);
    double[] phi = forest.contributions(x);
    List<Contribution> all = new ArrayList<>();
    for (int i = 0; i < phi.length; i++) {
      if (phi[i] != 0) {
        all.add(new Contribution(inputNames.get(i), x[i], phi[i]));
      }
    }
    all.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.logOdds())));
    return List.copyOf(all.subList(0, Math.min(top, all.size())));
  }
}

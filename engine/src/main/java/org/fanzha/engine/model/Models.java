package org.fanzha.engine.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fanzha.engine.features.AccountFeatures;
import org.fanzha.engine.features.PhoneFeatures;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * A versioned model artifact: a forest for phones (probability of a fraud number) and one for
 * accounts (of a mule), each over its kind's rule features. Written by {@code ./fanzha
 * train-model}, read like a rule file, and used by the rules that name {@code
 * features.model_score}. The file is YAML: {@code format}, {@code version}, {@code trained_on} and
 * per kind its {@code inputs}, {@code base} (log-odds) and {@code trees}, each tree as parallel
 * node arrays ({@code feature} −1 at a leaf, {@code threshold}, {@code left}, {@code right}, {@code
 * missing_left}, {@code value}, {@code cover}; indices within the tree).
 */
public final class Models {

  public static final String FORMAT = "fanzha-model/1";

  /** The shipped model's resource, beside this class. */
  public static final String SHIPPED = "default-model.yaml";

  private static final Models NONE = new Models("none", "", null, null);
  private static volatile @Nullable Models shipped;

  private final String version;
  private final String trainedOn;
  private final @Nullable EntityModel phone;
  private final @Nullable EntityModel account;

  public Models(
      String version,
      String trainedOn,
      @Nullable EntityModel phone,
      @Nullable EntityModel account) {
    this.version = version;
    this.trainedOn = trainedOn;
    this.phone = phone;
    this.account = account;
  }

  /** Returns no model: {@code model_score} is missing and every rule comparing it is false. */
  public static Models none() {
    return NONE;
  }

  /**
   * Returns the model shipped in the engine jar, read once: the tasks of a Flink job ask at the
   * same moment, and each read and compiled it for itself before.
   */
  public static Models shipped() {
    Models m = shipped;
    if (m != null) {
      return m;
    }
    synchronized (Models.class) {
      m = shipped;
      if (m != null) {
        return m;
      }
      try (InputStream in = Models.class.getResourceAsStream(SHIPPED)) {
        if (in == null) {
          throw new IllegalStateException(SHIPPED + " is missing from the engine jar");
        }
        m = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (ModelFileException e) {
        throw new IllegalStateException("the shipped model is broken: " + e.getMessage(), e);
      }
      shipped = m;
      return m;
    }
  }

  public String version() {
    return version;
  }

  /** Returns what the model was trained on (seeds, tactics, library), for people. */
  public String trainedOn() {
    return trainedOn;
  }

  public @Nullable EntityModel phone() {
    return phone;
  }

  public @Nullable EntityModel account() {
    return account;
  }

  /**
   * Reads a model file.
   *
   * @throws ModelFileException saying what is wrong and where
   */
  public static Models parse(String yaml) throws ModelFileException {
    Object root;
    try {
      root =
          new Load(LoadSettings.builder().setCodePointLimit(64 * 1024 * 1024).build())
              .loadFromString(yaml);
    } catch (YamlEngineException e) {
      throw new ModelFileException("not YAML: " + e.getMessage(), e);
    }
    Map<?, ?> top = map(root, "the file");
    if (!FORMAT.equals(top.get("format"))) {
      throw new ModelFileException("format: expected " + FORMAT + ", found " + top.get("format"));
    }
    return new Models(
        text(top, "version"),
        top.get("trained_on") == null ? "" : String.valueOf(top.get("trained_on")),
        top.get("phone") == null
            ? null
            : entity(map(top.get("phone"), "phone"), PhoneFeatures.class, "phone"),
        top.get("account") == null
            ? null
            : entity(map(top.get("account"), "account"), AccountFeatures.class, "account"));
  }

  private static EntityModel entity(Map<?, ?> m, Class<?> holder, String where)
      throws ModelFileException {
    List<String> inputs = new ArrayList<>();
    for (Object o : list(m.get("inputs"), where + ".inputs")) {
      inputs.add(String.valueOf(o));
    }
    List<?> trees = list(m.get("trees"), where + ".trees");
    Forest.Builder b = new Forest.Builder(inputs.size());
    for (int t = 0; t < trees.size(); t++) {
      String w = where + ".trees[" + t + "]";
      Map<?, ?> tree = map(trees.get(t), w);
      int n = list(tree.get("feature"), w + ".feature").size();
      int from = b.startTree();
      for (int i = 0; i < n; i++) {
        b.addNode();
      }
      for (int i = 0; i < n; i++) {
        int f = (int) number(tree, "feature", i, n, w);
        double cover = number(tree, "cover", i, n, w);
        if (f < 0) {
          b.leaf(from + i, number(tree, "value", i, n, w), cover);
        } else {
          b.split(
              from + i,
              f,
              (float) number(tree, "threshold", i, n, w),
              from + child(tree, "left", i, n, w),
              from + child(tree, "right", i, n, w),
              number(tree, "missing_left", i, n, w) != 0,
              cover);
        }
      }
    }
    Forest forest;
    try {
      forest = b.build(number(m, "base"));
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(where + ": " + e.getMessage(), e);
    }
    return new EntityModel(holder, inputs, forest);
  }

  /** Reads a split's child index, which must name a node of the same tree. */
  private static int child(Map<?, ?> tree, String key, int i, int n, String where)
      throws ModelFileException {
    int c = (int) number(tree, key, i, n, where);
    if (c < 0 || c >= n) {
      throw new ModelFileException(
          where
              + "."
              + key
              + "["
              + i
              + "]: node "
              + c
              + " does not exist in this tree of "
              + n
              + " nodes");
    }
    return c;
  }

  private static double number(Map<?, ?> tree, String key, int i, int n, String where)
      throws ModelFileException {
    List<?> l = list(tree.get(key), where + "." + key);
    if (l.size() != n) {
      throw new ModelFileException(
          where + "." + key + ": " + l.size() + " values for " + n + " nodes");
    }
    if (!(l.get(i) instanceof Number v)) {
      throw new ModelFileException(where + "." + key + "[" + i + "]: not a number");
    }
    return v.doubleValue();
  }

  private static double number(Map<?, ?> m, String key) throws ModelFileException {
    if (!(m.get(key) instanceof Number v)) {
      throw new ModelFileException(key + ": a number is needed");
    }
    return v.doubleValue();
  }

  private static String text(Map<?, ?> m, String key) throws ModelFileException {
    Object v = m.get(key);
    if (v == null || String.valueOf(v).isBlank()) {
      throw new ModelFileException(key + ": missing");
    }
    return String.valueOf(v);
  }

  private static Map<?, ?> map(@Nullable Object o, String where) throws ModelFileException {
    if (o instanceof Map<?, ?> m) {
      return m;
    }
    throw new ModelFileException(where + ": a mapping is needed");
  }

  private static List<?> list(@Nullable Object o, String where) throws ModelFileException {
    if (o instanceof List<?> l) {
      return l;
    }
    throw new ModelFileException(where + ": a list is needed");
  }

  /** Returns this artifact as a model file {@link #parse} reads back to the same scores. */
  public String write() {
    StringBuilder b = new StringBuilder();
    b.append("# Fanzha trained model (")
        .append(FORMAT)
        .append("): see org.fanzha.engine.model.Models\n");
    b.append("format: ").append(FORMAT).append('\n');
    b.append("version: '").append(version.replace("'", "''")).append("'\n");
    b.append("trained_on: '").append(trainedOn.replace("'", "''")).append("'\n");
    write(b, "phone", phone);
    write(b, "account", account);
    return b.toString();
  }

  private static void write(StringBuilder b, String kind, @Nullable EntityModel m) {
    if (m == null) {
      return;
    }
    Forest f = m.forest();
    b.append(kind).append(":\n  inputs: ").append(m.inputNames()).append('\n');
    b.append("  base: ").append(f.base()).append('\n');
    b.append("  trees:\n");
    int[] roots = f.roots();
    for (int t = 0; t < roots.length; t++) {
      int from = roots[t];
      int to = t + 1 < roots.length ? roots[t + 1] : f.feature().length;
      StringBuilder feature = new StringBuilder();
      StringBuilder threshold = new StringBuilder();
      StringBuilder left = new StringBuilder();
      StringBuilder right = new StringBuilder();
      StringBuilder missing = new StringBuilder();
      StringBuilder value = new StringBuilder();
      StringBuilder cover = new StringBuilder();
      for (int i = from; i < to; i++) {
        String sep = i == from ? "" : ", ";
        feature.append(sep).append(f.feature()[i]);
        threshold.append(sep).append(f.threshold()[i]);
        left.append(sep).append(f.left()[i] < 0 ? -1 : f.left()[i] - from);
        right.append(sep).append(f.right()[i] < 0 ? -1 : f.right()[i] - from);
        missing.append(sep).append(f.missingLeft()[i] ? 1 : 0);
        value.append(sep).append(f.value()[i]);
        cover.append(sep).append(f.cover()[i]);
      }
      b.append("  - {feature: [")
          .append(feature)
          .append("],\n     threshold: [")
          .append(threshold)
          .append("],\n     left: [")
          .append(left)
          .append("], right: [")
          .append(right)
          .append("], missing_left: [")
          .append(missing)
          .append("],\n     value: [")
          .append(value)
          .append("],\n     cover: [")
          .append(cover)
          .append("]}\n");
    }
  }
}

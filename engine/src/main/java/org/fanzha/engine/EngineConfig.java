package org.fanzha.engine;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.fanzha.core.content.ContentClassifier;
import org.fanzha.engine.model.Models;
import org.fanzha.engine.rules.RuleBook;
import org.jspecify.annotations.Nullable;

/**
 * What an engine runs with: the rule book in force (rules, weights and every threshold, as data),
 * the size of its first-contact memory, and an optional content classifier for SMS text.
 *
 * @param rules the rule book; the engine may later swap it ({@link Engine#useRules})
 * @param pairsLog2Bits first-contact memory: 0 = a fingerprint set that grows with the pairs seen
 *     (about 4–11 bytes a pair); 10–34 = a fixed Bloom filter of 2^bits bits
 * @param contentClassifier scores SMS text when present (the {@code text} module supplies one)
 * @param models the trained models rules read as {@code features.model_score} (the shipped one by
 *     default)
 */
public record EngineConfig(
    RuleBook rules,
    int pairsLog2Bits,
    @Nullable ContentClassifier contentClassifier,
    Models models) {

  /** The name under which {@link #with} sets {@link #pairsLog2Bits}. */
  public static final String PAIRS_LOG2_BITS = "pairs.log2_bits";

  /**
   * Returns the shipped rules and model with a growing first-contact memory and no content
   * classifier.
   */
  public static EngineConfig defaults() {
    return new EngineConfig(RuleBook.defaults(), 0, null, Models.shipped());
  }

  /** Returns this configuration scoring with {@code book}. */
  public EngineConfig withRules(RuleBook book) {
    return new EngineConfig(book, pairsLog2Bits, contentClassifier, models);
  }

  /**
   * Returns this configuration with one value replaced: {@value #PAIRS_LOG2_BITS}, or a param of
   * the rule book (which is recompiled).
   *
   * @throws IllegalArgumentException naming the key when it is unknown
   */
  public EngineConfig with(String key, double value) {
    if (key.equals(PAIRS_LOG2_BITS)) {
      return new EngineConfig(rules, (int) value, contentClassifier, models);
    }
    return new EngineConfig(rules.withParam(key, value), pairsLog2Bits, contentClassifier, models);
  }

  /**
   * Returns this configuration with the params named in {@code overrides} replaced (for tuning
   * runs).
   *
   * @throws IllegalArgumentException naming the key when a key is unknown or a value is not a
   *     number
   */
  public EngineConfig withOverrides(Properties overrides) {
    Map<String, Double> params = new TreeMap<>();
    int pairs = pairsLog2Bits;
    for (String key : overrides.stringPropertyNames()) {
      String raw = overrides.getProperty(key).trim();
      double v;
      try {
        v = Double.parseDouble(raw);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "engine setting " + key + " must be a number: " + raw, e);
      }
      if (key.equals(PAIRS_LOG2_BITS)) {
        pairs = (int) v;
      } else {
        params.put(key, v);
      }
    }
    return new EngineConfig(
        params.isEmpty() ? rules : rules.withParams(params), pairs, contentClassifier, models);
  }

  /** Returns this configuration scoring SMS text with {@code c}. */
  public EngineConfig withContentClassifier(@Nullable ContentClassifier c) {
    return new EngineConfig(rules, pairsLog2Bits, c, models);
  }

  /**
   * Returns this configuration with the trained models {@code m} ({@link Models#none()}: rules
   * alone).
   */
  public EngineConfig withModels(Models m) {
    return new EngineConfig(rules, pairsLog2Bits, contentClassifier, m);
  }

  /** Returns a param of the rule book by dotted name. */
  public double num(String key) {
    return rules.param(key);
  }

  /** Returns a param rounded to an int. */
  public int integer(String key) {
    return (int) Math.round(num(key));
  }
}

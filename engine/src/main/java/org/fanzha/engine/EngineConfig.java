package org.fanzha.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.fanzha.core.content.ContentClassifier;
import org.jspecify.annotations.Nullable;

/**
 * The engine's thresholds and rule weights, as data: every number the rules use is a key in
 * {@code engine-defaults.properties} and may be overridden from a {@link Properties} file. An
 * optional content classifier scores SMS text.
 *
 * @param values every threshold and weight by key (all keys of the defaults, no others)
 * @param contentClassifier scores SMS text when present (the {@code text} module supplies one)
 */
public record EngineConfig(Map<String, Double> values, @Nullable ContentClassifier contentClassifier) {

  private static final String DEFAULTS = "engine-defaults.properties";
  private static final Map<String, Double> DEFAULT_VALUES = loadDefaults();

  public EngineConfig {
    values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** Returns the defaults shipped with the engine, without a content classifier. */
  public static EngineConfig defaults() {
    return new EngineConfig(DEFAULT_VALUES, null);
  }

  /**
   * Returns the defaults overridden by {@code overrides}.
   *
   * @throws IllegalArgumentException naming the key when a key is unknown (a typo would otherwise
   *     silently keep the default) or a value is not a number
   */
  public static EngineConfig fromProperties(Properties overrides) {
    Map<String, Double> v = new TreeMap<>(DEFAULT_VALUES);
    for (String key : overrides.stringPropertyNames()) {
      if (!v.containsKey(key)) {
        throw new IllegalArgumentException("unknown engine setting: " + key);
      }
      String raw = overrides.getProperty(key).trim();
      try {
        v.put(key, Double.parseDouble(raw));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("engine setting " + key + " must be a number: " + raw, e);
      }
    }
    return new EngineConfig(v, null);
  }

  /** Returns this configuration with one value replaced. */
  public EngineConfig with(String key, double value) {
    if (!values.containsKey(key)) {
      throw new IllegalArgumentException("unknown engine setting: " + key);
    }
    Map<String, Double> v = new TreeMap<>(values);
    v.put(key, value);
    return new EngineConfig(v, contentClassifier);
  }

  /** Returns this configuration scoring SMS text with {@code c}. */
  public EngineConfig withContentClassifier(@Nullable ContentClassifier c) {
    return new EngineConfig(values, c);
  }

  /** Returns a number by key. */
  public double num(String key) {
    Double d = values.get(key);
    if (d == null) {
      throw new IllegalArgumentException("unknown engine setting: " + key);
    }
    return d;
  }

  /** Returns a number by key, rounded to an int. */
  public int integer(String key) {
    return (int) Math.round(num(key));
  }

  /** Returns the weight of a rule ({@code rule.<code>.weight}). */
  public int weight(String ruleCode) {
    return integer("rule." + ruleCode + ".weight");
  }

  /** Returns the settings as properties (for printing or saving a tuned set). */
  public Properties toProperties() {
    Properties p = new Properties();
    values.forEach((k, d) -> p.setProperty(k, d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString()));
    return p;
  }

  private static Map<String, Double> loadDefaults() {
    Properties p = new Properties();
    try (InputStream in = EngineConfig.class.getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DEFAULTS);
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Double> v = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      v.put(key, Double.parseDouble(p.getProperty(key).trim()));
    }
    return v;
  }
}

package org.fanzha.engine.rules.file;

import java.util.List;
import java.util.Map;

/**
 * A rule file as read, its structure valid but its conditions not yet checked (see {@code
 * RuleBook}).
 *
 * @param version the version number it states
 * @param params every param by dotted name ({@code phone.min_calls}), as the file gives them
 * @param rules the rules in file order
 * @param source the file's text, kept with the version
 */
public record RuleFile(
    long version, Map<String, Double> params, List<RuleSpec> rules, String source) {

  public RuleFile {
    params = Map.copyOf(params);
    rules = List.copyOf(rules);
  }
}

package org.fanzha.engine.rules.lang;

import org.fanzha.engine.features.RuleField;

/** A features flyweight for language tests: two numbers, a flag and a label, set directly. */
public final class TestFeatures {

  public double calls;
  public double rate;
  public boolean listed;
  public String label = "";

  @RuleField(name = "calls", meaning = "a count")
  public double calls() {
    return calls;
  }

  @RuleField(name = "rate", meaning = "a share")
  public double rate() {
    return rate;
  }

  @RuleField(name = "listed", meaning = "a flag")
  public boolean listed() {
    return listed;
  }

  @RuleField(name = "label", meaning = "a name")
  public String label() {
    return label;
  }
}

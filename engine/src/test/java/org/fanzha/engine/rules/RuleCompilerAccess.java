package org.fanzha.engine.rules;

import java.util.List;
import org.fanzha.engine.rules.lang.Node;

/** Lets the language's tests (another package) compile checked trees as rule sets do. */
public final class RuleCompilerAccess {

  private RuleCompilerAccess() {}

  public static Conditions compile(Class<?> features, List<Node> conditions) {
    return RuleCompiler.compile(features, conditions);
  }
}

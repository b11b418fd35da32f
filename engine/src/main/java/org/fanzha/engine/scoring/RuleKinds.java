package org.fanzha.engine.scoring;

import org.fanzha.core.event.EntityKind;
import org.fanzha.engine.rules.file.RuleSpec;

/** Which kind of rule scores each kind of entity: devices and IPs share the node rules. */
public final class RuleKinds {

  private RuleKinds() {}

  /** Returns the rule kind for an entity kind. */
  public static RuleSpec.Kind of(EntityKind kind) {
    return switch (kind) {
      case PHONE -> RuleSpec.Kind.PHONE;
      case ACCOUNT -> RuleSpec.Kind.ACCOUNT;
      case HOLDER -> RuleSpec.Kind.HOLDER;
      default -> RuleSpec.Kind.DEVICE;
    };
  }
}

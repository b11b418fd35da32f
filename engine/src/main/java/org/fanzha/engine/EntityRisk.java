package org.fanzha.engine;

import java.util.List;
import java.util.Set;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Role;
import org.fanzha.core.reason.Reason;

/** The risk the engine holds for one entity now, with the roles it is suspected of and why. */
public record EntityRisk(
    EntityKind entityKind,
    String entity,
    int score,
    Level level,
    Set<Role> roles,
    List<Reason> reasons) {

  public EntityRisk {
    roles = Set.copyOf(roles);
    reasons = List.copyOf(reasons);
  }
}

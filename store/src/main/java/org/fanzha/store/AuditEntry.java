package org.fanzha.store;

import java.time.Instant;
import org.fanzha.core.event.EntityKind;
import org.jspecify.annotations.Nullable;

/**
 * One audited act: a look-up of personal data (who, with which roles, looked at whose data, and
 * whether they saw it unmasked) or a change made by staff (a user created, a rule set published).
 * {@code id} and the hashes are filled in by the log.
 *
 * @param subjectKind what the act concerns: an entity kind's wire name ({@code phone} …), or {@code
 *     user}, {@code rules}
 */
public record AuditEntry(
    long id,
    Instant at,
    String actor,
    String roles,
    String action,
    String subjectKind,
    String entity,
    boolean unmasked,
    String prevHash,
    String hash) {

  /**
   * Returns the entity kind the act concerns, or null when it concerns no entity (a user, the
   * rules).
   */
  public @Nullable EntityKind entityKind() {
    return EntityKind.fromWire(subjectKind);
  }
}

package org.fanzha.store;

import java.time.Instant;
import org.fanzha.core.event.EntityKind;

/**
 * One audited look-up of personal data: who, with which roles, did what to whose data, and
 * whether they saw it unmasked. {@code id} and the hashes are filled in by the log.
 */
public record AuditEntry(
    long id, Instant at, String actor, String roles, String action, EntityKind entityKind, String entity,
    boolean unmasked, String prevHash, String hash) {}

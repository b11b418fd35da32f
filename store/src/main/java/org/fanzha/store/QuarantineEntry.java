package org.fanzha.store;

import java.time.Instant;

/**
 * A stored quarantine row: the refused event, its id in the quarantine, when and whence it came.
 */
public record QuarantineEntry(long id, Instant receivedAt, String origin, QuarantinedEvent event) {}

package org.fanzha.store;

import org.jspecify.annotations.Nullable;

/**
 * A refused event as it goes into the quarantine.
 *
 * @param position line number in a file or NDJSON body, 1-based index in a JSON array
 * @param eventId the event's id when it could be read
 * @param field the field at fault ({@code "(json)"} for malformed JSON)
 * @param raw the event's text as received, when it can be cut out of the input
 */
public record QuarantinedEvent(
    long position, @Nullable String eventId, String field, String reason, @Nullable String raw) {}

package org.fanzha.store;

import java.time.Instant;
import org.fanzha.core.event.Event;

/** One journaled event with its sequence number and when the system received it. */
public record JournalEntry(long seq, Event event, Instant receivedAt) {}

package org.fanzha.server.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of event intake ({@code fanzha.ingest.*}). One request can cost at most so much: a body of
 * {@code maxBodyBytes} holding at most {@code maxEvents}, of whose refused events at most {@code
 * maxErrorsListed} are listed in the answer and {@code maxQuarantined} (with at most {@code
 * maxQuarantinedChars} of raw text) kept one by one; the rest are counted. Event times must lie
 * between {@code maxEventAge} before the server's clock and {@code maxEventLead} after it.
 */
@ConfigurationProperties("fanzha.ingest")
public record IngestSettings(
    @DefaultValue("33554432") long maxBodyBytes,
    @DefaultValue("100000") int maxEvents,
    @DefaultValue("100") int maxErrorsListed,
    @DefaultValue("1000") int maxQuarantined,
    @DefaultValue("1048576") long maxQuarantinedChars,
    @DefaultValue("P30D") Duration maxEventAge,
    @DefaultValue("PT15M") Duration maxEventLead) {

  /** The raw text kept of one refused event at most (its line or array element). */
  static final int MAX_RAW_PER_EVENT = 4096;
}

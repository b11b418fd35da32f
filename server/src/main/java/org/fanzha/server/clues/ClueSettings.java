package org.fanzha.server.clues;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How clues are pushed and chased ({@code fanzha.clues.*}).
 *
 * @param pushEvery how often due pushes are looked for
 * @param firstRetry the wait after a first failed push; each later failure doubles it
 * @param longestRetry the longest wait between two pushes of one clue
 * @param pushTimeout how long a receiver may take to answer a push
 * @param scanEvery how often new detections and late clues are looked for
 * @param detectionMinScore the held score from which a suspected fraud number, mule or card dealer becomes a clue
 * @param escalateAgainAfter how long a late clue stays at a unit before it moves up again
 * @param ackHigh time to acknowledge a high-severity clue (the police enter a first-tier account within 30 minutes)
 * @param feedbackHigh time to answer a high-severity clue
 */
@ConfigurationProperties("fanzha.clues")
public record ClueSettings(
    @DefaultValue("PT1S") Duration pushEvery,
    @DefaultValue("PT10S") Duration firstRetry,
    @DefaultValue("PT1H") Duration longestRetry,
    @DefaultValue("PT5S") Duration pushTimeout,
    @DefaultValue("PT30S") Duration scanEvery,
    @DefaultValue("70") int detectionMinScore,
    @DefaultValue("PT4H") Duration escalateAgainAfter,
    @DefaultValue("PT30M") Duration ackHigh,
    @DefaultValue("PT4H") Duration ackMedium,
    @DefaultValue("PT24H") Duration ackLow,
    @DefaultValue("PT24H") Duration feedbackHigh,
    @DefaultValue("PT72H") Duration feedbackMedium,
    @DefaultValue("PT168H") Duration feedbackLow) {

  /** Returns the time to acknowledge a clue of {@code severity} ({@code high}, {@code medium}, {@code low}). */
  Duration ackWithin(String severity) {
    return switch (severity) {
      case ClueRouter.HIGH -> ackHigh;
      case ClueRouter.MEDIUM -> ackMedium;
      default -> ackLow;
    };
  }

  /** Returns the time to answer a clue of {@code severity}. */
  Duration answerWithin(String severity) {
    return switch (severity) {
      case ClueRouter.HIGH -> feedbackHigh;
      case ClueRouter.MEDIUM -> feedbackMedium;
      default -> feedbackLow;
    };
  }

  /** Returns the wait before push number {@code attempts + 1}, after {@code attempts} failed ones (at least one). */
  Duration retryAfter(int attempts) {
    int doublings = Math.min(Math.max(attempts - 1, 0), 30);
    Duration d = firstRetry.multipliedBy(1L << doublings);
    return d.compareTo(longestRetry) > 0 || d.isNegative() ? longestRetry : d;
  }
}

package org.fanzha.server.clues;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How clues are pushed and chased ({@code fanzha.clues.*}); a zero or negative period refuses to
 * start, naming the setting.
 *
 * @param pushEvery how often due pushes are looked for
 * @param firstRetry the wait after a first failed push; each later failure doubles it
 * @param longestRetry the longest wait between two pushes of one clue
 * @param pushTimeout how long a receiver may take to answer a push
 * @param scanEvery how often new detections and late clues are looked for
 * @param detectionMinScore the held score from which a suspected fraud number, mule or card dealer
 *     becomes a clue
 * @param escalateAgainAfter how long a late clue stays at a unit before it moves up again
 * @param ackHigh time to acknowledge a high-severity clue (the police enter a first-tier account
 *     within 30 minutes)
 * @param feedbackHigh time to answer a high-severity clue
 */
@ConfigurationProperties("fanzha.clues")
@Validated
public record ClueSettings(
    @DefaultValue("PT1S") @DurationMin(millis = 1) Duration pushEvery,
    @DefaultValue("PT10S") @DurationMin(millis = 1) Duration firstRetry,
    @DefaultValue("PT1H") @DurationMin(millis = 1) Duration longestRetry,
    @DefaultValue("PT5S") @DurationMin(millis = 1) Duration pushTimeout,
    @DefaultValue("PT30S") @DurationMin(millis = 1) Duration scanEvery,
    @DefaultValue("70") @Min(1) @Max(100) int detectionMinScore,
    @DefaultValue("PT4H") @DurationMin(millis = 0) Duration escalateAgainAfter,
    @DefaultValue("PT30M") @DurationMin(millis = 1) Duration ackHigh,
    @DefaultValue("PT4H") @DurationMin(millis = 1) Duration ackMedium,
    @DefaultValue("PT24H") @DurationMin(millis = 1) Duration ackLow,
    @DefaultValue("PT24H") @DurationMin(millis = 1) Duration feedbackHigh,
    @DefaultValue("PT72H") @DurationMin(millis = 1) Duration feedbackMedium,
    @DefaultValue("PT168H") @DurationMin(millis = 1) Duration feedbackLow) {

  /**
   * Returns the time to acknowledge a clue of {@code severity} ({@code high}, {@code medium},
   * {@code low}).
   */
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

  /**
   * Returns the wait before push number {@code attempts + 1}, after {@code attempts} failed ones
   * (at least one).
   */
  Duration retryAfter(int attempts) {
    int doublings = Math.min(Math.max(attempts - 1, 0), 30);
    Duration d = firstRetry.multipliedBy(1L << doublings);
    return d.compareTo(longestRetry) > 0 || d.isNegative() ? longestRetry : d;
  }
}

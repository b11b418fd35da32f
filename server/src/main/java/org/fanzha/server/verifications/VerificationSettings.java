package org.fanzha.server.verifications;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When abnormal numbers and accounts are asked to re-verify ({@code fanzha.verification.*}).
 *
 * @param minScore the held score from which a suspected fraud number or mule is asked
 * @param answerWithin the deadline to verify (24 hours by default); past it, outgoing calls and
 *     messages or non-counter payments are restricted
 * @param suspendAfter how long a restricted number or account may stay unverified before it is
 *     suspended
 * @param quietAfterVerified how long a verified number or account is not asked again
 * @param scanEvery how often new abnormal entities and passed deadlines are looked for
 */
@ConfigurationProperties("fanzha.verification")
@Validated
public record VerificationSettings(
    @DefaultValue("70") @Min(1) @Max(100) int minScore,
    @DefaultValue("PT24H") @DurationMin(millis = 1) Duration answerWithin,
    @DefaultValue("PT48H") @DurationMin(millis = 1) Duration suspendAfter,
    @DefaultValue("P30D") @DurationMin(millis = 0) Duration quietAfterVerified,
    @DefaultValue("PT30S") @DurationMin(millis = 1) Duration scanEvery) {}

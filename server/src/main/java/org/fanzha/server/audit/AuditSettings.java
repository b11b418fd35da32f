package org.fanzha.server.audit;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the audit chain is kept ({@code fanzha.audit.*}).
 *
 * @param retention how long a record of who looked at what is kept (three years by default; the
 *     Cybersecurity Law asks network logs be kept six months at least); zero keeps everything
 * @param checkEvery how often the chain is recomputed and the retention applied
 */
@ConfigurationProperties("fanzha.audit")
@Validated
public record AuditSettings(
    @DefaultValue("1095d") @DurationMin(days = 0) Duration retention,
    @DefaultValue("PT1H") @DurationMin(seconds = 1) Duration checkEvery) {}

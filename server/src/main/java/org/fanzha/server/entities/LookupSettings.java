package org.fanzha.server.entities;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The entity look-up's limit for callers who are not signed in ({@code fanzha.lookup.*}).
 *
 * @param anonymousPerMinute look-ups per client address and minute
 */
@ConfigurationProperties("fanzha.lookup")
@Validated
public record LookupSettings(@DefaultValue("60") @Min(1) int anonymousPerMinute) {}

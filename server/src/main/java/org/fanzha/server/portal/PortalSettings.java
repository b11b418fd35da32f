package org.fanzha.server.portal;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much one client may ask of the public portal ({@code fanzha.portal.*}), per minute.
 *
 * @param lookupsPerMinute risk look-ups per client address
 * @param lookupsPerValuePerMinute look-ups of one value, from every address together
 * @param sendsPerMinute reports and appeals per client address
 */
@ConfigurationProperties("fanzha.portal")
@Validated
public record PortalSettings(
    @DefaultValue("20") @Min(1) int lookupsPerMinute,
    @DefaultValue("30") @Min(1) int lookupsPerValuePerMinute,
    @DefaultValue("5") @Min(1) int sendsPerMinute) {}

package org.fanzha.server.demo;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The simulated city {@code ./fanzha demo} streams ({@code fanzha.demo.*}).
 *
 * @param seed the city's seed
 * @param people its residents
 * @param days the days simulated
 * @param speed how many times faster than real time its events are sent
 */
@ConfigurationProperties("fanzha.demo")
@Validated
public record DemoSettings(
    @DefaultValue("20261127") long seed,
    @DefaultValue("3000") @Min(1) int people,
    @DefaultValue("7") @Min(1) int days,
    @DefaultValue("1800") @DecimalMin(value = "0", inclusive = false) double speed) {}

package org.fanzha.server.warnings;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the warning desk runs ({@code fanzha.warnings.*}).
 *
 * @param playbook an operator's playbook file (channels, times to act, SMS texts and call scripts),
 *     re-read when it changes; empty: the shipped {@code warnings/playbook.yaml}
 * @param escalateEvery how often overdue tasks are looked for and moved up a unit
 */
@ConfigurationProperties("fanzha.warnings")
public record WarningSettings(
    @DefaultValue("") String playbook, @DefaultValue("PT30S") Duration escalateEvery) {}

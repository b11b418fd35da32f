package org.fanzha.server.rules;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rule life-cycle settings ({@code fanzha.rules.*}).
 *
 * @param maxHitShare a positive rule firing on more than this share of events in a back-test or a
 *     shadow run is flagged before publishing
 * @param maxBacktestBytes the largest events file an analyst may upload for a back-test
 */
@ConfigurationProperties("fanzha.rules")
public record RuleSettings(
    @DefaultValue("0.25") double maxHitShare, @DefaultValue("67108864") long maxBacktestBytes) {}

package org.fanzha.server.gangs;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.fanzha.graph.gangs.GangFinder;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How gangs are found ({@code fanzha.gangs.*}).
 *
 * @param minScore the held score from which a fraud number, mule or card dealer is a suspect gangs
 *     form around
 * @param suspects the most suspects read from the engine per search (the riskiest first)
 * @param maxHubLinks a handset or network with more links than this (a gateway, a café's Wi-Fi)
 *     joins nothing
 * @param maxGangSize a group larger than this is split into its communities of highest modularity
 * @param scanEvery how often gangs are searched again
 */
@ConfigurationProperties("fanzha.gangs")
@Validated
public record GangSettings(
    @DefaultValue("" + GangFinder.DEFAULT_SUSPECT_SCORE) @Min(1) @Max(100) int minScore,
    @DefaultValue("20000") @Min(1) int suspects,
    @DefaultValue("50") @Min(2) int maxHubLinks,
    @DefaultValue("200") @Min(2) int maxGangSize,
    @DefaultValue("PT1M") @DurationMin(millis = 1) Duration scanEvery) {}

package org.fanzha.server.runner;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the engine scores with when the database has no published rule version yet ({@code
 * fanzha.engine.*}).
 *
 * @param rules a rule file to start with (empty: the shipped rules); published versions replace it
 * @param contentModel whether the shipped text model scores SMS content (as {@code replay} does)
 * @param model a trained model file, {@code none} for the rules alone, or empty for the model
 *     shipped in the engine jar
 */
@ConfigurationProperties("fanzha.engine")
public record EngineSources(
    @DefaultValue("") String rules,
    @DefaultValue("true") boolean contentModel,
    @DefaultValue("") String model) {}

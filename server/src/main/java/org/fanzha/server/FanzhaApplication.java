package org.fanzha.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application; started by {@code org.fanzha.server.cli.FanzhaMain serve|demo}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FanzhaApplication {}

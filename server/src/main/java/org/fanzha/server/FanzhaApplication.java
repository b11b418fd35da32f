package org.fanzha.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Spring Boot application; started by {@code org.fanzha.server.cli.FanzhaMain serve|demo}. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class FanzhaApplication {}

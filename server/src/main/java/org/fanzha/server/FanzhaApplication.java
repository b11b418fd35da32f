package org.fanzha.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring Boot application; started by {@code org.fanzha.server.cli.FanzhaMain serve|demo}. */
@SpringBootApplication
public class FanzhaApplication {}

/** The Spring Boot application: REST API, console and the embedded runner of the engine. */
@NullMarked
package org.fanzha.server;

import org.jspecify.annotations.NullMarked;

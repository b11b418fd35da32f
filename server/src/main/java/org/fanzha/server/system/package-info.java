/** Cross-cutting wiring: security and roles, locale and messages, OpenAPI, JSON output helpers. */
@NullMarked
package org.fanzha.server.system;

import org.jspecify.annotations.NullMarked;

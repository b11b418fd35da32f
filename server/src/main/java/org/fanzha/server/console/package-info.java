/**
 * The live console page: events per second, decisions by level, riskiest entities and latest
 * warnings.
 */
@NullMarked
package org.fanzha.server.console;

import org.jspecify.annotations.NullMarked;

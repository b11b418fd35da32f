/** The command line: serve, demo, replay, simulate and the commands run from other modules. */
@NullMarked
package org.fanzha.server.cli;

import org.jspecify.annotations.NullMarked;

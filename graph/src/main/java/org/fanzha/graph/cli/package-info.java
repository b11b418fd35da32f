/** The {@code trace} command, runner-agnostic: the server's CLI dispatcher calls it. */
@NullMarked
package org.fanzha.graph.cli;

import org.jspecify.annotations.NullMarked;

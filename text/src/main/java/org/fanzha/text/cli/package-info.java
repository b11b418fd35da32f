/** Helpers behind the {@code fanzha classify} command and the classify REST endpoint. */
@NullMarked
package org.fanzha.text.cli;

import org.jspecify.annotations.NullMarked;

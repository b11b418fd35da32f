/** Shared risk lists fed by confirmed outcomes (labels) and reports, consulted by the rules. */
@NullMarked
package org.fanzha.engine.lists;

import org.jspecify.annotations.NullMarked;

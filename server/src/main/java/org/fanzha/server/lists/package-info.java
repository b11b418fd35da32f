/**
 * Risk lists as records (issue 10): black, grey, white and dishonest entries with their provenance,
 * term and lifting; each change journaled as a {@code listing} event so the engine applies it
 * between two events.
 */
@NullMarked
package org.fanzha.server.lists;

import org.jspecify.annotations.NullMarked;

/**
 * Batch replay of an NDJSON events file through the engine, writing the output files of EVENTS.md,
 * and the JSON writers of decisions, entity risks and warnings that the server reuses.
 */
@NullMarked
package org.fanzha.engine.replay;

import org.jspecify.annotations.NullMarked;

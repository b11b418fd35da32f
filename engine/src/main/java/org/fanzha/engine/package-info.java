/**
 * The detection engine: {@link org.fanzha.engine.Engine} turns events into decisions, entity risks
 * and victim warnings. Runner-agnostic plain Java (no Spring, Flink or JDBC): the embedded server
 * and the Flink job both drive it.
 */
@NullMarked
package org.fanzha.engine;

import org.jspecify.annotations.NullMarked;

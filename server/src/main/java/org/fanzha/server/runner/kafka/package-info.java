/**
 * The server in distributed mode ({@code fanzha.runner=flink}): accepted events go to the Flink
 * job's input topic, and decisions, warnings, entity risks and decide answers are read back from
 * the job's topics (decision 0012).
 */
@NullMarked
package org.fanzha.server.runner.kafka;

import org.jspecify.annotations.NullMarked;

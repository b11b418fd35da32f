/**
 * The engine as an Apache Flink job: events from Kafka (or a file) in, decisions, warnings, entity
 * risks and refusals out, with the engine's state in Flink checkpoints. {@link
 * org.fanzha.flink.DetectionJob} assembles the graph; {@code io} holds the record types and
 * Kafka/file formats; {@code score} the operator that runs the shared engine.
 */
@NullMarked
package org.fanzha.flink;

import org.jspecify.annotations.NullMarked;

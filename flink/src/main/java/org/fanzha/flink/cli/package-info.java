/** The job jar's commands: {@code replay} on a local mini-cluster and {@code run} against Kafka. */
@NullMarked
package org.fanzha.flink.cli;

import org.jspecify.annotations.NullMarked;

/**
 * What the server and the Flink job agree on when they meet on Kafka: topic names and record
 * headers.
 */
@NullMarked
package org.fanzha.core.stream;

import org.jspecify.annotations.NullMarked;

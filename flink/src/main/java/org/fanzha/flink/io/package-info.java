/**
 * What flows through the job (raw lines in, tagged outputs out) and how it is read from and written
 * to Kafka and files.
 */
@NullMarked
package org.fanzha.flink.io;

import org.jspecify.annotations.NullMarked;

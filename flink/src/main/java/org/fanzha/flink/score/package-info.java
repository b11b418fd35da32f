/** The scoring operator: the shared engine behind Flink's checkpointed operator state. */
@NullMarked
package org.fanzha.flink.score;

import org.jspecify.annotations.NullMarked;

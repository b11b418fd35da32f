/**
 * The embedded runner: one engine thread fed by a queue, with the journal before it (group commit)
 * and snapshots plus journal replay for recovery.
 */
@NullMarked
package org.fanzha.server.runner;

import org.jspecify.annotations.NullMarked;

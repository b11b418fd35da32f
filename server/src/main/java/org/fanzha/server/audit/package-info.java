/**
 * The audit chain while the server runs: checked on a schedule (a broken chain is logged as an
 * error and shown on the console), cut to its retention from the front, and shown to administrators
 * at {@code /audit}.
 */
@NullMarked
package org.fanzha.server.audit;

import org.jspecify.annotations.NullMarked;

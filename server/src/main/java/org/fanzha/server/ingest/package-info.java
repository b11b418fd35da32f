/**
 * Event intake over HTTP: POST /api/v1/events (batches) and POST /api/v1/decide (one transfer,
 * answered synchronously).
 */
@NullMarked
package org.fanzha.server.ingest;

import org.jspecify.annotations.NullMarked;

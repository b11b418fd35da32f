package org.fanzha.server.ingest;

import org.fanzha.server.runner.Outcome;

/**
 * The result of one intake: how many events were received, what became of the valid ones, which
 * were refused.
 */
record IngestReport(int received, Outcome outcome, Refusals refusals) {}

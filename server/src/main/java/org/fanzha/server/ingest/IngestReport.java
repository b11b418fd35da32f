package org.fanzha.server.ingest;

import java.util.List;
import org.fanzha.core.codec.Rejection;
import org.fanzha.server.runner.Outcome;

/** The result of one intake: how many events were received, what became of the valid ones, which were refused. */
record IngestReport(int received, Outcome outcome, List<Rejection> rejected) {}

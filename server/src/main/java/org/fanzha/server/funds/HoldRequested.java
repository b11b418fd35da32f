package org.fanzha.server.funds;

import org.fanzha.graph.freeze.HoldOrder;

/** Published once a stop or freeze is asked of a bank, for those who tell the bank (clue push). */
public record HoldRequested(HoldOrder order) {}

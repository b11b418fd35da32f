/**
 * Fund tracing (涉诈资金查处): the transfer graph, forward and reverse traces with FIFO or proportional
 * allocation, freeze plans and the return of funds to victims. Plain Java, no runner.
 */
@NullMarked
package org.fanzha.graph.funds;

import org.jspecify.annotations.NullMarked;

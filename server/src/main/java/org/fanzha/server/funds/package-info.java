/**
 * Fund tracing in the server (issue 3): the live transfer graph fed in journal order, the trace
 * API, stop and freeze orders with their audited workflow, fund return and the console's flow page.
 */
@NullMarked
package org.fanzha.server.funds;

import org.jspecify.annotations.NullMarked;

/** Look-up of one entity's risk, reasons and recent events, masked by role and audited. */
@NullMarked
package org.fanzha.server.entities;

import org.jspecify.annotations.NullMarked;

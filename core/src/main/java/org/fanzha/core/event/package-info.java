/** Event records of the data contract (EVENTS.md), one per event type, and their enums. */
@NullMarked
package org.fanzha.core.event;

import org.jspecify.annotations.NullMarked;

/**
 * Victim correlation (预警): follows a person from a suspected fraud contact to screen sharing and
 * payment, and raises early warnings for the dissuasion desk.
 */
@NullMarked
package org.fanzha.engine.correlation;

import org.jspecify.annotations.NullMarked;

package org.fanzha.engine.subscriber;

import org.fanzha.core.reason.Reason;

/**
 * One line of the rule file's subscriber score that a number met: its code and texts, and the
 * points it added (negative: taken away).
 */
public record ScoreLine(Reason reason, int points) {}

/**
 * The subscriber score (在网积分): how much an operator can trust one of its numbers, from its tenure,
 * real-name opening, regular use, contacts and risk signals, as lines of the rule file ({@code
 * applies_to: subscriber}); the score's band and the limits an operator applies to a number of that
 * band.
 */
@NullMarked
package org.fanzha.engine.subscriber;

import org.jspecify.annotations.NullMarked;

/**
 * Clue push (线索推送, issue 13): leads from detections, confirmed warnings and analysts go to the
 * institutions that can act on them (a bank for an account, an operator for a number, a platform
 * for a URL or app, the police unit of the region for all), pushed to a webhook signed with
 * HMAC-SHA256 and retried with back-off, or pulled; receivers acknowledge and answer within due
 * times; late clues move up a unit.
 */
@NullMarked
package org.fanzha.server.clues;

import org.jspecify.annotations.NullMarked;

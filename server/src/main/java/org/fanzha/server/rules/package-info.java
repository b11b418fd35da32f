/**
 * Rules as data in the server (issue 7): versions submitted by analysts, back-tested on recorded
 * events, run in shadow beside the live set, published by a second person, swapped into the live
 * engine between two events; their API ({@code /api/v1/rules}) and console pages ({@code /rules}).
 */
@NullMarked
package org.fanzha.server.rules;

import org.jspecify.annotations.NullMarked;

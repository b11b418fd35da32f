/**
 * Gangs for analysts: the identity graph kept from journaled openings, calls and transfers, the
 * gangs found in it around the engine's suspects on a schedule, {@code GET /api/v1/gangs} and the
 * console's drawing of one.
 */
@NullMarked
package org.fanzha.server.gangs;

import org.jspecify.annotations.NullMarked;

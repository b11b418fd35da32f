/**
 * The administrator's console page, {@code /admin}: staff users, machines' API keys and clue
 * receivers, made, rotated and revoked with the same services as the API, a new key shown once.
 */
@NullMarked
package org.fanzha.server.admin;

import org.jspecify.annotations.NullMarked;

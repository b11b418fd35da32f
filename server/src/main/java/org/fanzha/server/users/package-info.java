/**
 * Named staff users in the database: created by an admin, passwords hashed, roles and regions
 * (API.md).
 */
@NullMarked
package org.fanzha.server.users;

import org.jspecify.annotations.NullMarked;

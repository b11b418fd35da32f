/**
 * API keys of machines (a bank's payment system, an operator's switch, a platform's feed): created
 * and revoked by an admin, stored as hashes, checked on each request in microseconds (API.md {@code
 * POST /api/v1/api-keys}).
 */
@NullMarked
package org.fanzha.server.keys;

import org.jspecify.annotations.NullMarked;

/**
 * The public portal ({@code /portal}, no login): risk look-up with a banded answer, reporting,
 * appeals and their status, and education per fraud type. Rate-limited per client and per looked-up
 * value; never shows personal data.
 */
@NullMarked
package org.fanzha.server.portal;

import org.jspecify.annotations.NullMarked;

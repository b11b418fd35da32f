/**
 * The subscriber score (在网积分) for operators: {@code GET /api/v1/subscribers/{phone}/score}, and the
 * limits of a number's band that the decide path applies to its calls and messages.
 */
@NullMarked
package org.fanzha.server.subscribers;

import org.jspecify.annotations.NullMarked;

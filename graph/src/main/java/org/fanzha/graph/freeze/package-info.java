/**
 * The stop (止付) and freeze (冻结) workflow as a pure domain model: orders, their states, the legal
 * time limits and an audited history of every transition. Persistence and REST live in the server.
 */
@NullMarked
package org.fanzha.graph.freeze;

import org.jspecify.annotations.NullMarked;

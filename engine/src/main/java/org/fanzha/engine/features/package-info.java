/**
 * Per-entity feature state: interned identifiers, ring buffers of time buckets, distinct-count
 * sketches and the first-contact filter, all in primitive arrays indexed by entity id.
 */
@NullMarked
package org.fanzha.engine.features;

import org.jspecify.annotations.NullMarked;

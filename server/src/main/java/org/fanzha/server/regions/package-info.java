/**
 * Where people live and which unit answers for them: GB/T 2260 codes of county, city and province
 * centres, found for a person from the journal. Warnings and clues are routed and escalated by
 * these.
 */
@NullMarked
package org.fanzha.server.regions;

import org.jspecify.annotations.NullMarked;

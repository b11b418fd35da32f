/**
 * Rule files (API.md "Rule file"): the YAML form of a rule set version, read with the line and
 * column of every value so that each problem can be reported as {@code FILE:LINE:COLUMN: message}.
 */
@NullMarked
package org.fanzha.engine.rules.file;

import org.jspecify.annotations.NullMarked;

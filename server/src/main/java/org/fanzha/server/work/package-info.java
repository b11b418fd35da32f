/**
 * One case workflow over the platform's work (issue 13): open warnings, holds, appeals and clues as
 * one list of items with due times, each given to a person (claimed, or assigned by a colleague),
 * with comments and attachments; the items keep their own states in their own tables. "My work" at
 * {@code /work}.
 */
@NullMarked
package org.fanzha.server.work;

import org.jspecify.annotations.NullMarked;

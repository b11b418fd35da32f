/**
 * Early warning and dissuasion as an operation (预警劝阻, issue 9): each person's warned fraud episode
 * becomes a task for the unit of their region, on a channel chosen by severity, with a due time,
 * the 12381 SMS text and the 96110 call script of its fraud type; overdue tasks move up a level;
 * analysts record the outcome.
 */
@NullMarked
package org.fanzha.server.warnings;

import org.jspecify.annotations.NullMarked;

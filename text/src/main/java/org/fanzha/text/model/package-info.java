/**
 * The linear model over hashed n-grams and signals: its weight array, file format and the scoring
 * path that turns a text into a {@link org.fanzha.core.content.ContentVerdict} with reasons.
 */
@NullMarked
package org.fanzha.text.model;

import org.jspecify.annotations.NullMarked;

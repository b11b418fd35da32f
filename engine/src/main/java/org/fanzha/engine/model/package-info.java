/**
 * Trained models beside the rules: gradient-boosted trees over an entity's features, evaluated in
 * plain Java (no native code on the per-event path), with exact per-feature contributions
 * (TreeSHAP) for reasons. Rules read a model's score as the feature {@code model_score}, so how it
 * combines with them is in the rule book.
 */
@NullMarked
package org.fanzha.engine.model;

import org.jspecify.annotations.NullMarked;

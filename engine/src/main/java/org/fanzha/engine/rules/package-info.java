/**
 * The rule model (a rule: code, bilingual reason, condition over features, weight, suspected role)
 * and the first rule set covering LAW.md's signals, with thresholds and weights from the engine
 * configuration.
 */
@NullMarked
package org.fanzha.engine.rules;

import org.jspecify.annotations.NullMarked;

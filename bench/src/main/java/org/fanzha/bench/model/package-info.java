/**
 * Training the shipped model: simulated worlds with their truth, XGBoost, and the forest written
 * for the engine.
 */
@NullMarked
package org.fanzha.bench.model;

import org.jspecify.annotations.NullMarked;

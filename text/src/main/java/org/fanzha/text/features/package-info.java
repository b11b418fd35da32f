/**
 * Turning text into features: normalisation, hashed character 1–3-grams and the pattern detectors
 * (accounts, QQ / WeChat ids, links, money, urgency, secrecy, fraud key phrases).
 */
@NullMarked
package org.fanzha.text.features;

import org.jspecify.annotations.NullMarked;

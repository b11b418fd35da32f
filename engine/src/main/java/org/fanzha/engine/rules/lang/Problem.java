package org.fanzha.engine.rules.lang;

/**
 * One thing wrong with an expression: where (a 0-based character offset into its text) and what.
 *
 * @param offset where the problem starts in the expression's text
 * @param message what is wrong, naming the unknown name or the types involved
 */
public record Problem(int offset, String message) {}

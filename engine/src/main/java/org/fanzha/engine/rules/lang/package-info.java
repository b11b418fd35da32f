/**
 * The rule language: one side-effect-free boolean expression over {@code features.<name>}, {@code
 * params.<name>} and {@code event.<field>}, with a CEL-like syntax (API.md "Rule file"). {@link
 * Parser} reads text into an {@link Expr} tree, {@link Checker} resolves names against a {@link
 * Scope} and types the tree (every problem with its offset), {@link Interpreter} evaluates a
 * checked tree directly and {@link JavaEmitter} turns it into Java source for the compiled form.
 * There are no loops, no assignments, no calls other than a fixed set of pure functions, and the
 * size of an expression is bounded, so evaluation is linear in its size.
 */
@NullMarked
package org.fanzha.engine.rules.lang;

import org.jspecify.annotations.NullMarked;

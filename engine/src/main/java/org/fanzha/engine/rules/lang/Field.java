package org.fanzha.engine.rules.lang;

import java.lang.invoke.MethodHandle;

/**
 * A value a rule can read: a feature of the entity ({@code features.<name>}) or a field of the
 * event ({@code event.<name>}), read by calling {@code method()} on the object that holds it.
 *
 * @param name the name rules use (snake_case)
 * @param type {@link Type#NUMBER}, {@link Type#BOOL} or {@link Type#STRING}
 * @param method the accessor's Java name, for the compiled form
 * @param meaning what it is, for the catalogue
 * @param getter the accessor, for the interpreter
 * @param nullable whether it may be missing (an event field the event lacks)
 */
public record Field(
    String name, Type type, String method, String meaning, MethodHandle getter, boolean nullable) {}

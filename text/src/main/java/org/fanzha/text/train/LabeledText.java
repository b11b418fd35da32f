package org.fanzha.text.train;

/**
 * One training or evaluation text.
 *
 * @param text the text
 * @param label {@code none}, {@code spam} or a fraud type's wire name
 * @param source where it came from (a data set name or {@code written})
 */
public record LabeledText(String text, String label, String source) {}

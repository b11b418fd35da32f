package org.fanzha.text.url;

/**
 * A URL or domain found in a text.
 *
 * @param start index of its first char in the text
 * @param end index just past its last char
 * @param url the text between
 */
public record UrlSpan(int start, int end, String url) {}

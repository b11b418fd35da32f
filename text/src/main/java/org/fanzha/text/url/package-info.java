/**
 * URL and domain risk: look-alikes of bank, payment and government domains (edit distance,
 * homoglyphs, punycode), raw-IP and short-link URLs, suspicious top-level domains, and list
 * matching with suffix rules, each with its reason.
 */
@NullMarked
package org.fanzha.text.url;

import org.jspecify.annotations.NullMarked;

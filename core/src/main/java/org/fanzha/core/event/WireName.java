package org.fanzha.core.event;

/** An enum constant with the lower-case name it has on the wire (EVENTS.md). */
public interface WireName {

  /** Returns the name used in JSON, e.g. {@code crypto_otc}. */
  String wireName();
}

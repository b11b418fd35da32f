package org.fanzha.server.portal;

import org.fanzha.server.system.KeyedBuckets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How much one client may ask of the portal: look-ups per address and per looked-up value (so neither one address
 * walking through numbers nor many addresses probing one number get far), reports and appeals per address.
 */
@Component
class PortalLimits {

  private final KeyedBuckets lookupsPerClient;
  private final KeyedBuckets lookupsPerValue;
  private final KeyedBuckets sendsPerClient;

  PortalLimits(@Value("${fanzha.portal.lookups-per-minute:20}") int perClient,
      @Value("${fanzha.portal.lookups-per-value-per-minute:30}") int perValue,
      @Value("${fanzha.portal.sends-per-minute:5}") int sends) {
    this.lookupsPerClient = KeyedBuckets.perMinute(perClient);
    this.lookupsPerValue = KeyedBuckets.perMinute(perValue);
    this.sendsPerClient = KeyedBuckets.perMinute(sends);
  }

  /** Takes one look-up of {@code value} by {@code client}; false when either is over its limit. */
  boolean lookup(String client, String value) {
    return lookupsPerClient.tryTake(client) && lookupsPerValue.tryTake(value);
  }

  /** Takes one report or appeal by {@code client}; false when over the limit. */
  boolean send(String client) {
    return sendsPerClient.tryTake(client);
  }
}

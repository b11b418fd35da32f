package org.fanzha.server.portal;

import java.util.Locale;
import org.fanzha.core.event.ListKind;
import org.fanzha.server.lists.ListService;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.KeyedBuckets;
import org.springframework.stereotype.Component;

/**
 * How much one client may ask of the portal: look-ups per address and per looked-up value (so
 * neither one address walking through numbers nor many addresses probing one number get far),
 * reports and appeals per address.
 */
@Component
class PortalLimits {

  private final KeyedBuckets lookupsPerClient;
  private final KeyedBuckets lookupsPerValue;
  private final KeyedBuckets sendsPerClient;

  private final ListService lists;

  PortalLimits(ListService lists, PortalSettings settings) {
    this.lists = lists;
    this.lookupsPerClient = KeyedBuckets.perMinute(settings.lookupsPerMinute());
    this.lookupsPerValue = KeyedBuckets.perMinute(settings.lookupsPerValuePerMinute());
    this.sendsPerClient = KeyedBuckets.perMinute(settings.sendsPerMinute());
  }

  /**
   * Takes one look-up of a value by {@code client}; false when either is over its limit. The value
   * counts in its normalised form, so {@code 139 1234 5678} and {@code +8613912345678} are one
   * value.
   */
  boolean lookup(String client, ListKind kind, String value) {
    String key;
    try {
      key = kind.wireName() + ":" + lists.normalised(kind, value);
    } catch (BadRequestException e) {
      key = kind.wireName() + ":" + value.strip().toLowerCase(Locale.ROOT);
    }
    return lookupsPerClient.tryTake(client) && lookupsPerValue.tryTake(key);
  }

  /** Takes one report or appeal by {@code client}; false when over the limit. */
  boolean send(String client) {
    return sendsPerClient.tryTake(client);
  }
}

package org.fanzha.bench.lists;

import java.util.SplittableRandom;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.Role;
import org.fanzha.engine.lists.RiskLists;

/**
 * Risk lists filled as a province's would be: mobile numbers and bank cards in equal parts, mostly
 * black entries, some grey, a few white, each value drawn at random (so neither the hash table nor
 * the arena sees a convenient order).
 */
final class ListEntries {

  private ListEntries() {}

  /** The {@code i}-th value of the fill: numbers at even {@code i}, 19-digit cards at odd. */
  static String value(long seed, int i) {
    SplittableRandom r = new SplittableRandom(seed ^ (i * 0x9E3779B97F4A7C15L));
    return (i & 1) == 0
        ? "+861" + (30 + r.nextInt(70)) + String.format("%08d", r.nextInt(100_000_000))
        : "62"
            + String.format("%08d", r.nextInt(100_000_000))
            + String.format("%09d", r.nextInt(1_000_000_000));
  }

  static EntityKind kind(int i) {
    return (i & 1) == 0 ? EntityKind.PHONE : EntityKind.ACCOUNT;
  }

  /** Fills lists with {@code n} entries. */
  static RiskLists fill(long seed, int n) {
    RiskLists l = new RiskLists();
    for (int i = 0; i < n; i++) {
      EntityKind k = kind(i);
      String v = value(seed, i);
      switch (i % 10) {
        case 8 -> l.grey(k, v, true);
        case 9 -> l.apply(k, v, Role.NORMAL, null);
        default ->
            l.apply(k, v, k == EntityKind.PHONE ? Role.FRAUD_NUMBER : Role.MULE, FraudType.POLICE);
      }
    }
    return l;
  }
}

package org.fanzha.server.funds;

import org.fanzha.core.id.Identifiers;
import org.fanzha.core.id.InvalidIdentifierException;
import org.fanzha.core.money.Money;
import org.fanzha.core.time.Timestamps;
import org.fanzha.graph.funds.AllocationPolicy;
import org.fanzha.graph.funds.TraceSettings;
import org.fanzha.server.system.BadRequestException;
import org.jspecify.annotations.Nullable;

/**
 * Parses the parameters shared by the trace and hold endpoints and the console page; a bad one is a
 * {@link BadRequestException} naming it.
 */
final class TraceParams {

  private TraceParams() {}

  /** Returns the default settings with the policy and hop limit asked for, if any. */
  static TraceSettings settings(@Nullable String policy, @Nullable Integer maxHops) {
    TraceSettings s = TraceSettings.DEFAULTS;
    try {
      if (policy != null && !policy.isBlank()) {
        s = s.withPolicy(AllocationPolicy.fromWire(policy));
      }
      if (maxHops != null) {
        s = s.withMaxHops(maxHops);
      }
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          (maxHops != null ? "policy or max_hops: " : "policy: ") + e.getMessage(), e);
    }
    return s;
  }

  /**
   * Parses an ISO-8601 time with an offset, or epoch milliseconds; names the parameter when it
   * fails.
   */
  static long time(String name, String raw) {
    String v = raw.strip();
    try {
      if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
        return Timestamps.checkEpochMillis(Long.parseLong(v));
      }
      return Timestamps.parseIso(v);
    } catch (RuntimeException e) {
      throw new BadRequestException(
          name
              + ": must be ISO-8601 with an offset (2026-11-27T09:31:45+08:00)"
              + " or epoch milliseconds: "
              + e.getMessage());
    }
  }

  static @Nullable Long optionalTime(String name, @Nullable String raw) {
    return raw == null || raw.isBlank() ? null : time(name, raw);
  }

  /** Returns the canonical account, or throws naming the parameter. */
  static String account(String name, String raw) {
    try {
      return Identifiers.account(raw);
    } catch (InvalidIdentifierException e) {
      throw new BadRequestException(name + ": " + e.getMessage(), e);
    }
  }

  /** Returns an amount of yuan ({@code 49000.00}) in fen, or throws naming the parameter. */
  static long money(String name, String raw) {
    try {
      return Money.parseYuan(raw);
    } catch (InvalidIdentifierException e) {
      throw new BadRequestException(name + ": " + e.getMessage(), e);
    }
  }
}

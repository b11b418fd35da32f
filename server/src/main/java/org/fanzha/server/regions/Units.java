package org.fanzha.server.regions;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The four levels that work warnings, named by GB/T 2260 codes: a county ({@code 410402}), its city
 * ({@code 410400}), its province ({@code 410000}) and the ministry ({@code 000000}).
 */
public final class Units {
  public static final String MINISTRY = "000000";

  private Units() {}

  /**
   * The unit responsible for a person of {@code region}: the region's own level, or the ministry
   * when unknown.
   */
  public static String forRegion(@Nullable String region) {
    return region != null && region.matches("[1-9][0-9]{5}") ? region : MINISTRY;
  }

  /** The unit one level up, or empty for the ministry. */
  public static Optional<String> up(String unit) {
    if (unit.equals(MINISTRY)) {
      return Optional.empty();
    }
    if (unit.endsWith("0000")) {
      return Optional.of(MINISTRY);
    }
    if (unit.endsWith("00")) {
      return Optional.of(unit.substring(0, 2) + "0000");
    }
    return Optional.of(unit.substring(0, 4) + "00");
  }

  /** {@code county}, {@code city}, {@code province} or {@code ministry}. */
  public static String level(String unit) {
    if (unit.equals(MINISTRY)) {
      return "ministry";
    }
    return unit.endsWith("0000") ? "province" : unit.endsWith("00") ? "city" : "county";
  }
}

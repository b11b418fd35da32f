package org.fanzha.server.clues;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.fanzha.core.event.ListKind;
import org.fanzha.server.regions.Jurisdictions;
import org.fanzha.store.Institution;
import org.jspecify.annotations.Nullable;

/**
 * Who receives a lead: every institution that can act on its target (a bank on an account, an
 * operator on a phone number, a platform on a domain, URL or app; a police unit on anything),
 * serves it (its prefixes: card BINs, number segments, domains; none for all), answers for its
 * region (none for everywhere; a lead of unknown region reaches only those) and takes its severity.
 */
final class ClueRouter {
  static final String HIGH = "high";
  static final String MEDIUM = "medium";
  static final String LOW = "low";
  static final List<String> SEVERITIES = List.of(LOW, MEDIUM, HIGH);

  static final String BANK = "bank";
  static final String OPERATOR = "operator";
  static final String PLATFORM = "platform";
  static final String POLICE = "police";
  static final List<String> KINDS = List.of(BANK, OPERATOR, PLATFORM, POLICE);

  private ClueRouter() {}

  /** Returns the institutions of {@code all} that receive a lead, in the order given. */
  static List<Institution> receivers(
      List<Institution> all,
      ListKind target,
      String value,
      String severity,
      @Nullable String region) {
    return all.stream().filter(i -> receives(i, target, value, severity, region)).toList();
  }

  static boolean receives(
      Institution i, ListKind target, String value, String severity, @Nullable String region) {
    return actsOn(i.kind(), target)
        && serves(i.prefixes(), target, value)
        && Jurisdictions.within(region, i.regions())
        && SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(i.minSeverity());
  }

  /** Whether an institution of {@code kind} can act on a target of this kind. */
  static boolean actsOn(String kind, ListKind target) {
    return switch (kind) {
      case POLICE -> true;
      case BANK -> target == ListKind.ACCOUNT;
      case OPERATOR -> target == ListKind.PHONE;
      case PLATFORM ->
          target == ListKind.DOMAIN || target == ListKind.URL || target == ListKind.APP;
      default -> false;
    };
  }

  /**
   * Whether a value (normalised as events carry it) is one the prefixes name; no prefixes name
   * every value.
   */
  static boolean serves(List<String> prefixes, ListKind target, String value) {
    if (prefixes.isEmpty()) {
      return true;
    }
    String v =
        switch (target) {
          case PHONE -> value.startsWith("+86") ? value.substring(3) : value;
          case URL -> host(value);
          default -> value;
        };
    for (String p : prefixes) {
      boolean match =
          target == ListKind.DOMAIN || target == ListKind.URL
              ? v.equals(p) || v.endsWith("." + p)
              : v.startsWith(p);
      if (match) {
        return true;
      }
    }
    return false;
  }

  private static String host(String url) {
    try {
      String h = URI.create(url).getHost();
      return h == null ? url : h.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}

package org.fanzha.sim;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A way of behaving that our own rules were not written around: fraudsters who are less convenient
 * to catch, and honest people who look more like them. Each is a switch of {@link SimConfig}; its
 * parameters (shares, delays, rates) are drawn per world from the seed, so no rule can key on a
 * constant. All are off in the default city, which stays the world the rules were tuned on.
 */
public enum Tactic {
  /**
   * Hook numbers on residents' old cards rented to the gang: years of normal history, daytime
   * calls, most answered, some called back.
   */
  RENTED_OLD_CARDS(false),
  /**
   * First-tier mules on recruited residents' own cards hold victims' money 6–48 hours and forward
   * it in 2–5 pieces.
   */
  SLOW_MULES(false),
  /**
   * The last tier sells to a few OTC desks (bank cards of 承兑商, paid by ordinary transfer) or
   * withdraws at ATMs in another region.
   */
  CASH_OUT_DESKS(false),
  /** Every chain runs through four tiers of mules. */
  FOUR_TIERS(false),
  /**
   * Fraud messages blasted from many ordinary residents' numbers, a few dozen each for a day or
   * three, instead of farm cards.
   */
  SMS_SPREAD(false),
  /**
   * Investment and romance victims are courted by text for days before the first payment, and pay
   * over days, not hours.
   */
  COURTSHIP(false),
  /**
   * Brushing (刷单) victims first receive one or two small "commissions" from a mule before they pay.
   */
  REBATES(false),
  /**
   * A licensed call centre working from new mobile cards opened in bulk: many calls a day, minutes
   * long, to ordinary people.
   */
  CALL_CENTRE(true),
  /**
   * A relative calls from a new number at length and asks for money, which is sent to an account
   * never paid before.
   */
  RELATIVE_ASKS(true),
  /**
   * People who follow the link in a fraud message they received and then buy groceries as on any
   * other day.
   */
  LINK_THEN_SHOPPING(true),
  /**
   * People who changed numbers over the years: five to seven earlier cards, each opened and given
   * up (closed) before their present one, and in the run a second line opened: more cards opened
   * than the 一证五号 limit allows held, but two held.
   */
  NUMBER_CHANGES(true);

  private final boolean honest;

  Tactic(boolean honest) {
    this.honest = honest;
  }

  /** Returns whether this is an honest look-alike rather than a fraud tactic. */
  public boolean honest() {
    return honest;
  }

  /** Returns the name on the command line and in evaluation tables: {@code rented_old_cards}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code all}, {@code none} or a comma-separated list of wire names.
   *
   * @throws IllegalArgumentException naming an unknown tactic and the known ones
   */
  public static Set<Tactic> parse(String list) {
    String s = list.trim();
    if (s.equals("all")) {
      return EnumSet.allOf(Tactic.class);
    }
    EnumSet<Tactic> out = EnumSet.noneOf(Tactic.class);
    if (s.isEmpty() || s.equals("none")) {
      return out;
    }
    for (String part : s.split(",")) {
      String name = part.trim().toUpperCase(Locale.ROOT);
      try {
        out.add(Tactic.valueOf(name));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown tactic '" + part.trim() + "'; known: all, none, " + known(), e);
      }
    }
    return out;
  }

  private static String known() {
    StringBuilder b = new StringBuilder();
    for (Tactic t : values()) {
      b.append(b.length() == 0 ? "" : ", ").append(t.wireName());
    }
    return b.toString();
  }
}

package org.fanzha.graph.funds;

/** Names of account tiers by hop from the victim: 一级卡 receives the victim's payment. */
public final class Tiers {

  private static final String[] DIGITS = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

  private Tiers() {}

  /** Returns the Chinese tier name, e.g. {@code 一级卡} for 1, {@code 十二级卡} for 12. */
  public static String nameZh(int tier) {
    if (tier < 1) {
      throw new IllegalArgumentException("tier must be >= 1, was " + tier);
    }
    return chinese(tier) + "级卡";
  }

  /** Returns the English tier name, e.g. {@code tier-1 account}. */
  public static String nameEn(int tier) {
    if (tier < 1) {
      throw new IllegalArgumentException("tier must be >= 1, was " + tier);
    }
    return "tier-" + tier + " account";
  }

  private static String chinese(int n) {
    if (n <= 10) {
      return DIGITS[n];
    }
    if (n < 20) {
      return "十" + DIGITS[n % 10];
    }
    if (n < 100) {
      return DIGITS[n / 10] + "十" + (n % 10 == 0 ? "" : DIGITS[n % 10]);
    }
    return Integer.toString(n);
  }
}

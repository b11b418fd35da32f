package org.fanzha.core.event;

import org.jspecify.annotations.Nullable;

/** The fraud types of EVENTS.md, with their Chinese names (公安部 typology). */
public enum FraudType implements WireName {
  BRUSHING("刷单返利", "Task / order-brushing rebate"),
  INVESTMENT("虚假投资理财", "Fake investment"),
  LOAN("虚假网络贷款", "Fake online loan"),
  CUSTOMER_SERVICE("冒充电商物流客服", "Fake e-commerce / logistics customer service"),
  POLICE("冒充公检法", "Impersonating police, procuratorate or court"),
  CREDIT("虚假征信", "Fake credit-record repair"),
  SHOPPING("虚假购物服务", "Fake shopping or service"),
  BOSS_ACQUAINTANCE("冒充领导熟人", "Impersonating a boss or acquaintance"),
  GAME_TRADE("网络游戏产品虚假交易", "Fake online-game trade"),
  ROMANCE("网络婚恋交友", "Online romance"),
  OTHER("其他", "Other");

  private static final WireNames<FraudType> NAMES = WireNames.of(FraudType.class);

  private final String nameZh;
  private final String nameEn;

  FraudType(String nameZh, String nameEn) {
    this.nameZh = nameZh;
    this.nameEn = nameEn;
  }

  @Override
  public String wireName() {
    return NAMES.nameOf(this);
  }

  /** Returns the Chinese name, e.g. 刷单返利. */
  public String nameZh() {
    return nameZh;
  }

  /** Returns the English name. */
  public String nameEn() {
    return nameEn;
  }

  /** Returns the constant named so on the wire, or {@code null}. */
  public static @Nullable FraudType fromWire(@Nullable String name) {
    return NAMES.find(name);
  }

  /** Returns the wire names joined by {@code |}. */
  public static String allowed() {
    return NAMES.allowed();
  }
}

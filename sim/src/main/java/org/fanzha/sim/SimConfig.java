package org.fanzha.sim;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.fanzha.core.event.FraudType;

/**
 * The complete, immutable description of a synthetic world: the same config always yields
 * byte-identical events and ground truth.
 *
 * <p>Rates are means of Poisson draws. Defaults (see {@link #of}) are chosen so that {@code
 * --people 10000 --days 7} yields about one million events.
 *
 * @param seed the master seed; every sub-generator derives its own stream from it
 * @param people residents of the city (each has a phone, a bank card, usually a payment account)
 * @param days simulated days, starting at {@code startMillis}
 * @param startMillis first simulated instant, epoch ms (default 2026-11-01T00:00+08:00)
 * @param heavyCallerFraction share of residents who are benign heavy callers at work (couriers,
 *     delivery riders, bank agents, telemarketers); bank service lines (955xx) come on top
 * @param simFarms number of SIM farms (猫池)
 * @param numbersPerFarm phone cards each farm burns through during the run (a few days each)
 * @param cardDealers card dealers (卡商) who open the gangs' cards and accounts with bought IDs
 * @param holdersPerDealer resident IDs each dealer uses; every card and mule account of the
 *     fraud side is opened in one of these names
 * @param muleAccounts size of the mule-account pool spread over the tiers
 * @param recruitedMuleShare share of mule accounts that are ordinary residents' own (old) cards
 *     rented to the gang, rather than new dealer-opened ones
 * @param hookNumbers dedicated fraud numbers that make the long hook calls to victims
 * @param victimsPerDay mean number of new victims per day
 * @param fraudMix relative weights of the fraud types among victims and SMS blasts
 * @param muleTiersMin fewest mule tiers money passes before cash-out (≥ 1)
 * @param muleTiersMax most mule tiers (≤ 4, ≥ muleTiersMin)
 * @param reportRate probability that a victim files a report
 * @param callsPerPersonDay mean calls a resident places per day (callbacks come on top)
 * @param smsPerPersonDay mean personal messages a resident sends per day
 * @param transfersPerPersonDay mean payments and transfers a resident makes per day
 * @param farmCallsPerNumberDay mean calls a SIM-farm card places on an active day
 * @param fraudSmsPerNumberDay mean fraud messages a SIM-farm card sends on an active day
 * @param spamSmsPerPersonDay mean marketing messages (from short codes) a resident receives per day
 */
public record SimConfig(
    long seed,
    int people,
    int days,
    long startMillis,
    double heavyCallerFraction,
    int simFarms,
    int numbersPerFarm,
    int cardDealers,
    int holdersPerDealer,
    int muleAccounts,
    double recruitedMuleShare,
    int hookNumbers,
    double victimsPerDay,
    Map<FraudType, Integer> fraudMix,
    int muleTiersMin,
    int muleTiersMax,
    double reportRate,
    double callsPerPersonDay,
    double smsPerPersonDay,
    double transfersPerPersonDay,
    double farmCallsPerNumberDay,
    double fraudSmsPerNumberDay,
    double spamSmsPerPersonDay) {

  /** 2026-11-01T00:00+08:00, the default first simulated instant. */
  public static final long DEFAULT_START =
      OffsetDateTime.parse("2026-11-01T00:00:00+08:00").toInstant().toEpochMilli();

  /** Validates ranges and freezes the fraud mix in enum order (so iteration never depends on hashing). */
  public SimConfig {
    require(people >= 20, "people must be ≥ 20, not " + people);
    require(days >= 1 && days <= 366, "days must be 1–366, not " + days);
    require(heavyCallerFraction >= 0 && heavyCallerFraction <= 0.2, "heavyCallerFraction must be 0–0.2");
    require(simFarms >= 0, "simFarms must be ≥ 0");
    require(numbersPerFarm >= 1, "numbersPerFarm must be ≥ 1");
    require(cardDealers >= 1, "cardDealers must be ≥ 1");
    require(holdersPerDealer >= 1, "holdersPerDealer must be ≥ 1");
    require(muleAccounts >= 4, "muleAccounts must be ≥ 4");
    require(recruitedMuleShare >= 0 && recruitedMuleShare <= 1, "recruitedMuleShare must be 0–1");
    require(hookNumbers >= 1, "hookNumbers must be ≥ 1");
    require(victimsPerDay >= 0, "victimsPerDay must be ≥ 0");
    require(muleTiersMin >= 1 && muleTiersMax <= 4 && muleTiersMin <= muleTiersMax,
        "mule tiers must satisfy 1 ≤ min ≤ max ≤ 4, not " + muleTiersMin + ".." + muleTiersMax);
    require(reportRate >= 0 && reportRate <= 1, "reportRate must be 0–1");
    require(callsPerPersonDay >= 0 && smsPerPersonDay >= 0 && transfersPerPersonDay >= 0
        && farmCallsPerNumberDay >= 1 && fraudSmsPerNumberDay >= 0 && spamSmsPerPersonDay >= 0,
        "rates must be ≥ 0 (farm calls ≥ 1)");
    EnumMap<FraudType, Integer> mix = new EnumMap<>(FraudType.class);
    int total = 0;
    for (Map.Entry<FraudType, Integer> e : fraudMix.entrySet()) {
      require(e.getValue() >= 0, "fraud weight must be ≥ 0 for " + e.getKey().wireName());
      if (e.getValue() > 0) {
        mix.put(e.getKey(), e.getValue());
        total += e.getValue();
      }
    }
    require(total > 0, "fraudMix needs at least one positive weight");
    fraudMix = Collections.unmodifiableMap(mix);
  }

  /**
   * Returns the default config for a city of {@code people} over {@code days}: 1% heavy callers,
   * one SIM farm per 4,000 residents (at least 2), one victim per 1,000 residents a day (at least
   * 2), a fraud mix after the published case shares (brushing first), 2–4 mule tiers.
   */
  public static SimConfig of(long seed, int people, int days) {
    return builder(seed, people, days).build();
  }

  /** Returns a builder holding the defaults of {@link #of}. */
  public static Builder builder(long seed, int people, int days) {
    return new Builder(seed, people, days);
  }

  /** Returns a builder initialised from this config. */
  public Builder toBuilder() {
    Builder b = new Builder(seed, people, days);
    b.startMillis = startMillis;
    b.heavyCallerFraction = heavyCallerFraction;
    b.simFarms = simFarms;
    b.numbersPerFarm = numbersPerFarm;
    b.cardDealers = cardDealers;
    b.holdersPerDealer = holdersPerDealer;
    b.muleAccounts = muleAccounts;
    b.recruitedMuleShare = recruitedMuleShare;
    b.hookNumbers = hookNumbers;
    b.victimsPerDay = victimsPerDay;
    b.fraudMix = new EnumMap<>(fraudMix);
    b.muleTiersMin = muleTiersMin;
    b.muleTiersMax = muleTiersMax;
    b.reportRate = reportRate;
    b.callsPerPersonDay = callsPerPersonDay;
    b.smsPerPersonDay = smsPerPersonDay;
    b.transfersPerPersonDay = transfersPerPersonDay;
    b.farmCallsPerNumberDay = farmCallsPerNumberDay;
    b.fraudSmsPerNumberDay = fraudSmsPerNumberDay;
    b.spamSmsPerPersonDay = spamSmsPerPersonDay;
    return b;
  }

  /** Returns the first instant after the simulated period. */
  public long endMillis() {
    return startMillis + days * 86_400_000L;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Returns the default fraud-type weights (shares of reported cases, in per cent). */
  public static Map<FraudType, Integer> defaultFraudMix() {
    EnumMap<FraudType, Integer> m = new EnumMap<>(FraudType.class);
    m.put(FraudType.BRUSHING, 28);
    m.put(FraudType.INVESTMENT, 15);
    m.put(FraudType.LOAN, 11);
    m.put(FraudType.CUSTOMER_SERVICE, 12);
    m.put(FraudType.POLICE, 8);
    m.put(FraudType.CREDIT, 6);
    m.put(FraudType.SHOPPING, 6);
    m.put(FraudType.BOSS_ACQUAINTANCE, 5);
    m.put(FraudType.GAME_TRADE, 4);
    m.put(FraudType.ROMANCE, 4);
    m.put(FraudType.OTHER, 1);
    return m;
  }

  /** Mutable holder of config values; {@link #build()} validates them. */
  public static final class Builder {
    private final long seed;
    private final int people;
    private final int days;
    private long startMillis = DEFAULT_START;
    private double heavyCallerFraction = 0.01;
    private int simFarms;
    private int numbersPerFarm = 24;
    private int cardDealers = 4;
    private int holdersPerDealer = 6;
    private int muleAccounts;
    private double recruitedMuleShare = 0.2;
    private int hookNumbers = 16;
    private double victimsPerDay;
    private Map<FraudType, Integer> fraudMix = defaultFraudMix();
    private int muleTiersMin = 2;
    private int muleTiersMax = 4;
    private double reportRate = 0.6;
    private double callsPerPersonDay = 5.5;
    private double smsPerPersonDay = 2.5;
    private double transfersPerPersonDay = 1.2;
    private double farmCallsPerNumberDay = 250;
    private double fraudSmsPerNumberDay = 60;
    private double spamSmsPerPersonDay = 0.3;

    private Builder(long seed, int people, int days) {
      this.seed = seed;
      this.people = people;
      this.days = days;
      this.simFarms = Math.max(2, people / 4000);
      this.victimsPerDay = Math.max(2.0, people / 1000.0);
      this.muleAccounts = Math.max(24, (int) Math.round(victimsPerDay * 4));
    }

    public Builder startMillis(long v) { startMillis = v; return this; }
    public Builder heavyCallerFraction(double v) { heavyCallerFraction = v; return this; }
    public Builder simFarms(int v) { simFarms = v; return this; }
    public Builder numbersPerFarm(int v) { numbersPerFarm = v; return this; }
    public Builder cardDealers(int v) { cardDealers = v; return this; }
    public Builder holdersPerDealer(int v) { holdersPerDealer = v; return this; }
    public Builder muleAccounts(int v) { muleAccounts = v; return this; }
    public Builder recruitedMuleShare(double v) { recruitedMuleShare = v; return this; }
    public Builder hookNumbers(int v) { hookNumbers = v; return this; }
    public Builder victimsPerDay(double v) { victimsPerDay = v; return this; }
    public Builder fraudMix(Map<FraudType, Integer> v) { fraudMix = new EnumMap<>(v); return this; }
    public Builder muleTiers(int min, int max) { muleTiersMin = min; muleTiersMax = max; return this; }
    public Builder reportRate(double v) { reportRate = v; return this; }
    public Builder callsPerPersonDay(double v) { callsPerPersonDay = v; return this; }
    public Builder smsPerPersonDay(double v) { smsPerPersonDay = v; return this; }
    public Builder transfersPerPersonDay(double v) { transfersPerPersonDay = v; return this; }
    public Builder farmCallsPerNumberDay(double v) { farmCallsPerNumberDay = v; return this; }
    public Builder fraudSmsPerNumberDay(double v) { fraudSmsPerNumberDay = v; return this; }
    public Builder spamSmsPerPersonDay(double v) { spamSmsPerPersonDay = v; return this; }

    /** Returns the validated config; throws {@link IllegalArgumentException} naming a bad value. */
    public SimConfig build() {
      return new SimConfig(seed, people, days, startMillis, heavyCallerFraction, simFarms,
          numbersPerFarm, cardDealers, holdersPerDealer, muleAccounts, recruitedMuleShare,
          hookNumbers, victimsPerDay, fraudMix, muleTiersMin, muleTiersMax, reportRate,
          callsPerPersonDay, smsPerPersonDay, transfersPerPersonDay, farmCallsPerNumberDay,
          fraudSmsPerNumberDay, spamSmsPerPersonDay);
    }
  }
}

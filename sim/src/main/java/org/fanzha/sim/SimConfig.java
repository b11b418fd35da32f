package org.fanzha.sim;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
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
 * @param holdersPerDealer resident IDs each dealer uses; every card and mule account of the fraud
 *     side is opened in one of these names
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
 * @param outsideHookShare share of hook numbers bought outside the modelled card dealers (a card
 *     opened long ago in one stranger's name at an ordinary shop, or never seen opened), each on
 *     its own handset, so that neither dealer propagation nor a shared IMEI reveals them
 * @param hookCallsPerDay mean calls a hook number places a day to leads (people on bought lists)
 *     besides its victims: mostly first contacts, few answered, rarely called back
 * @param newCourierShare share of couriers new on the job, on a card opened 2–9 days before the run
 * @param nightWorkerFraction share of residents who work nights calling customers
 *     (designated-driver dispatchers, night-shift ward staff): 25–60 calls a night, answered, on
 *     old cards
 * @param payrollAgencies payroll / labour agencies: a client company pays a lump in, and within an
 *     hour it goes out as salaries or to a crew leader who pays the crew
 * @param settlingMerchantShare share of merchants whose owner moves the day's takings from the
 *     shop's collection accounts to their own card in the evening
 * @param passOnFamilies families where a parent receives money from a relative and forwards it to a
 *     child studying elsewhere, once to three times in the run
 * @param traders second-hand traders / 代购 who receive many small payments and pay suppliers in
 *     batches
 * @param moversPerDay mean honest residents a day who start a new job in another city and open a
 *     new SIM and several bank and payment accounts within a few days
 * @param benignScreenSharesPerThousandDay screen shares (a work meeting after a colleague's call)
 *     and remote-control sessions (a child helping a parent after a family call), per 1,000
 *     residents a day
 * @param benignInstallsPerThousandDay ordinary app installs per 1,000 residents a day
 * @param marketingLinkVisitsPerThousandDay residents per 1,000 a day who follow the link in a
 *     marketing message they just received
 * @param tactics the adversarial switches on (none by default): fraudsters less convenient to catch
 *     and honest people who look more like them, see {@link Tactic}
 * @param gangsApart each gang (one per card dealer) keeps its own farms, hook numbers and mules,
 *     and its victims' money stays with its own mules; off by default, where the dealers supply
 *     every farm and one mule pool serves every victim (one linked trade). The world's gang ids
 *     ({@code World#gangs}) are what a gang search is measured against.
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
    double spamSmsPerPersonDay,
    double outsideHookShare,
    double hookCallsPerDay,
    double newCourierShare,
    double nightWorkerFraction,
    int payrollAgencies,
    double settlingMerchantShare,
    int passOnFamilies,
    int traders,
    double moversPerDay,
    double benignScreenSharesPerThousandDay,
    double benignInstallsPerThousandDay,
    double marketingLinkVisitsPerThousandDay,
    Set<Tactic> tactics,
    boolean gangsApart) {

  /** 2026-11-01T00:00+08:00, the default first simulated instant. */
  public static final long DEFAULT_START =
      OffsetDateTime.parse("2026-11-01T00:00:00+08:00").toInstant().toEpochMilli();

  /**
   * Validates ranges and freezes the fraud mix in enum order (so iteration never depends on
   * hashing).
   */
  public SimConfig {
    require(people >= 20, "people must be ≥ 20, not " + people);
    require(days >= 1 && days <= 366, "days must be 1–366, not " + days);
    require(
        heavyCallerFraction >= 0 && heavyCallerFraction <= 0.2,
        "heavyCallerFraction must be 0–0.2");
    require(simFarms >= 0, "simFarms must be ≥ 0");
    require(numbersPerFarm >= 1, "numbersPerFarm must be ≥ 1");
    require(cardDealers >= 1, "cardDealers must be ≥ 1");
    require(holdersPerDealer >= 1, "holdersPerDealer must be ≥ 1");
    require(muleAccounts >= 4, "muleAccounts must be ≥ 4");
    require(recruitedMuleShare >= 0 && recruitedMuleShare <= 1, "recruitedMuleShare must be 0–1");
    require(hookNumbers >= 1, "hookNumbers must be ≥ 1");
    require(victimsPerDay >= 0, "victimsPerDay must be ≥ 0");
    require(
        muleTiersMin >= 1 && muleTiersMax <= 4 && muleTiersMin <= muleTiersMax,
        "mule tiers must satisfy 1 ≤ min ≤ max ≤ 4, not " + muleTiersMin + ".." + muleTiersMax);
    require(reportRate >= 0 && reportRate <= 1, "reportRate must be 0–1");
    require(
        callsPerPersonDay >= 0
            && smsPerPersonDay >= 0
            && transfersPerPersonDay >= 0
            && farmCallsPerNumberDay >= 1
            && fraudSmsPerNumberDay >= 0
            && spamSmsPerPersonDay >= 0,
        "rates must be ≥ 0 (farm calls ≥ 1)");
    require(outsideHookShare >= 0 && outsideHookShare <= 1, "outsideHookShare must be 0–1");
    require(newCourierShare >= 0 && newCourierShare <= 1, "newCourierShare must be 0–1");
    require(
        settlingMerchantShare >= 0 && settlingMerchantShare <= 1,
        "settlingMerchantShare must be 0–1");
    require(
        nightWorkerFraction >= 0 && nightWorkerFraction <= 0.05,
        "nightWorkerFraction must be 0–0.05");
    require(
        hookCallsPerDay >= 0
            && payrollAgencies >= 0
            && passOnFamilies >= 0
            && traders >= 0
            && moversPerDay >= 0
            && benignScreenSharesPerThousandDay >= 0
            && benignInstallsPerThousandDay >= 0
            && marketingLinkVisitsPerThousandDay >= 0,
        "benign actor counts and rates must be ≥ 0");
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
    tactics =
        Collections.unmodifiableSet(
            tactics.isEmpty() ? EnumSet.noneOf(Tactic.class) : EnumSet.copyOf(tactics));
    require(
        !tactics.contains(Tactic.FOUR_TIERS) || muleTiersMax == 4,
        "four_tiers needs muleTiersMax 4");
  }

  /** Returns whether a tactic is switched on. */
  public boolean has(Tactic t) {
    return tactics.contains(t);
  }

  /**
   * Returns the default config for a city of {@code people} over {@code days}: 1% heavy callers,
   * one SIM farm per 4,000 residents (at least 2), one victim per 1,000 residents a day (at least
   * 2), a fraud mix after the published case shares (brushing first), 2–4 mule tiers, 35% of
   * victims reporting, half the hook numbers bought outside the dealers, and the honest look-alikes
   * (payroll agencies, settling shops, families, traders, movers, night-shift workers, new
   * couriers, benign handset signals; see {@link Builder#withoutHardNegatives()} for the city
   * without them).
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
    b.outsideHookShare = outsideHookShare;
    b.hookCallsPerDay = hookCallsPerDay;
    b.newCourierShare = newCourierShare;
    b.nightWorkerFraction = nightWorkerFraction;
    b.payrollAgencies = payrollAgencies;
    b.settlingMerchantShare = settlingMerchantShare;
    b.passOnFamilies = passOnFamilies;
    b.traders = traders;
    b.moversPerDay = moversPerDay;
    b.benignScreenSharesPerThousandDay = benignScreenSharesPerThousandDay;
    b.benignInstallsPerThousandDay = benignInstallsPerThousandDay;
    b.marketingLinkVisitsPerThousandDay = marketingLinkVisitsPerThousandDay;
    b.tactics = EnumSet.noneOf(Tactic.class);
    b.tactics.addAll(tactics);
    b.gangsApart = gangsApart;
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
    private double reportRate = 0.35;
    private double callsPerPersonDay = 5.5;
    private double smsPerPersonDay = 2.5;
    private double transfersPerPersonDay = 1.2;
    private double farmCallsPerNumberDay = 250;
    private double fraudSmsPerNumberDay = 60;
    private double spamSmsPerPersonDay = 0.3;
    private double outsideHookShare = 0.5;
    private double hookCallsPerDay = 30;
    private double newCourierShare = 0.3;
    private double nightWorkerFraction = 0.002;
    private int payrollAgencies;
    private double settlingMerchantShare = 0.3;
    private int passOnFamilies;
    private int traders;
    private double moversPerDay;
    private double benignScreenSharesPerThousandDay = 1.5;
    private double benignInstallsPerThousandDay = 4;
    private double marketingLinkVisitsPerThousandDay = 3;
    private EnumSet<Tactic> tactics = EnumSet.noneOf(Tactic.class);
    private boolean gangsApart;

    private Builder(long seed, int people, int days) {
      this.seed = seed;
      this.people = people;
      this.days = days;
      this.simFarms = Math.max(2, people / 4000);
      this.victimsPerDay = Math.max(2.0, people / 1000.0);
      this.muleAccounts = Math.max(24, (int) Math.round(victimsPerDay * 4));
      this.payrollAgencies = Math.max(2, people / 2500);
      this.passOnFamilies = Math.max(4, people / 500);
      this.traders = Math.max(3, people / 1500);
      this.moversPerDay = Math.max(0.3, people / 20_000.0);
    }

    public Builder startMillis(long v) {
      startMillis = v;
      return this;
    }

    public Builder heavyCallerFraction(double v) {
      heavyCallerFraction = v;
      return this;
    }

    public Builder simFarms(int v) {
      simFarms = v;
      return this;
    }

    public Builder numbersPerFarm(int v) {
      numbersPerFarm = v;
      return this;
    }

    public Builder cardDealers(int v) {
      cardDealers = v;
      return this;
    }

    public Builder holdersPerDealer(int v) {
      holdersPerDealer = v;
      return this;
    }

    public Builder muleAccounts(int v) {
      muleAccounts = v;
      return this;
    }

    public Builder recruitedMuleShare(double v) {
      recruitedMuleShare = v;
      return this;
    }

    public Builder hookNumbers(int v) {
      hookNumbers = v;
      return this;
    }

    public Builder victimsPerDay(double v) {
      victimsPerDay = v;
      return this;
    }

    public Builder fraudMix(Map<FraudType, Integer> v) {
      fraudMix = new EnumMap<>(v);
      return this;
    }

    public Builder muleTiers(int min, int max) {
      muleTiersMin = min;
      muleTiersMax = max;
      return this;
    }

    public Builder reportRate(double v) {
      reportRate = v;
      return this;
    }

    public Builder callsPerPersonDay(double v) {
      callsPerPersonDay = v;
      return this;
    }

    public Builder smsPerPersonDay(double v) {
      smsPerPersonDay = v;
      return this;
    }

    public Builder transfersPerPersonDay(double v) {
      transfersPerPersonDay = v;
      return this;
    }

    public Builder farmCallsPerNumberDay(double v) {
      farmCallsPerNumberDay = v;
      return this;
    }

    public Builder fraudSmsPerNumberDay(double v) {
      fraudSmsPerNumberDay = v;
      return this;
    }

    public Builder spamSmsPerPersonDay(double v) {
      spamSmsPerPersonDay = v;
      return this;
    }

    public Builder outsideHookShare(double v) {
      outsideHookShare = v;
      return this;
    }

    public Builder hookCallsPerDay(double v) {
      hookCallsPerDay = v;
      return this;
    }

    public Builder newCourierShare(double v) {
      newCourierShare = v;
      return this;
    }

    public Builder nightWorkerFraction(double v) {
      nightWorkerFraction = v;
      return this;
    }

    public Builder payrollAgencies(int v) {
      payrollAgencies = v;
      return this;
    }

    public Builder settlingMerchantShare(double v) {
      settlingMerchantShare = v;
      return this;
    }

    public Builder passOnFamilies(int v) {
      passOnFamilies = v;
      return this;
    }

    public Builder traders(int v) {
      traders = v;
      return this;
    }

    public Builder moversPerDay(double v) {
      moversPerDay = v;
      return this;
    }

    public Builder benignScreenSharesPerThousandDay(double v) {
      benignScreenSharesPerThousandDay = v;
      return this;
    }

    public Builder benignInstallsPerThousandDay(double v) {
      benignInstallsPerThousandDay = v;
      return this;
    }

    public Builder marketingLinkVisitsPerThousandDay(double v) {
      marketingLinkVisitsPerThousandDay = v;
      return this;
    }

    public Builder tactics(Set<Tactic> v) {
      tactics = EnumSet.noneOf(Tactic.class);
      tactics.addAll(v);
      return this;
    }

    /** Each gang keeps its own farms, hooks and mules (see {@link SimConfig#gangsApart()}). */
    public Builder gangsApart(boolean v) {
      gangsApart = v;
      return this;
    }

    /**
     * Turns every hard negative off (no outside hooks, lead calls, new couriers, night workers,
     * pass-through accounts, movers or benign handset signals; reports at 60%): the easier city of
     * earlier versions, for comparisons.
     */
    public Builder withoutHardNegatives() {
      reportRate = 0.6;
      outsideHookShare = 0;
      hookCallsPerDay = 0;
      newCourierShare = 0;
      nightWorkerFraction = 0;
      payrollAgencies = 0;
      settlingMerchantShare = 0;
      passOnFamilies = 0;
      traders = 0;
      moversPerDay = 0;
      benignScreenSharesPerThousandDay = 0;
      benignInstallsPerThousandDay = 0;
      marketingLinkVisitsPerThousandDay = 0;
      return this;
    }

    /** Returns the validated config; throws {@link IllegalArgumentException} naming a bad value. */
    public SimConfig build() {
      return new SimConfig(
          seed,
          people,
          days,
          startMillis,
          heavyCallerFraction,
          simFarms,
          numbersPerFarm,
          cardDealers,
          holdersPerDealer,
          muleAccounts,
          recruitedMuleShare,
          hookNumbers,
          victimsPerDay,
          fraudMix,
          muleTiersMin,
          muleTiersMax,
          reportRate,
          callsPerPersonDay,
          smsPerPersonDay,
          transfersPerPersonDay,
          farmCallsPerNumberDay,
          fraudSmsPerNumberDay,
          spamSmsPerPersonDay,
          outsideHookShare,
          hookCallsPerDay,
          newCourierShare,
          nightWorkerFraction,
          payrollAgencies,
          settlingMerchantShare,
          passOnFamilies,
          traders,
          moversPerDay,
          benignScreenSharesPerThousandDay,
          benignInstallsPerThousandDay,
          marketingLinkVisitsPerThousandDay,
          tactics,
          gangsApart);
    }
  }
}

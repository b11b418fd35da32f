package org.fanzha.engine.features;

/** The features of one holder at one moment, as the rules read them; a reusable flyweight. */
public final class HolderFeatures {

  int sims30;
  int accounts30;
  int simsTotal;
  int accountsTotal;
  int agents;
  int devices;
  int regions;
  int sharedOpening;
  int fraudLinked;
  int flags;

  /** Fills this view from the table for holder {@code id} at time {@code now}. */
  public HolderFeatures load(HolderTable t, int id, long now) {
    sims30 = t.opened(id, HolderTable.SIM, now);
    accounts30 =
        t.opened(id, HolderTable.BANK, now)
            + t.opened(id, HolderTable.PAYMENT, now)
            + t.opened(id, HolderTable.INTERNET, now);
    simsTotal = t.simsTotal(id);
    accountsTotal = t.accountsTotal(id);
    agents = t.distinctAgents(id, now);
    devices = t.distinctDevices(id, now);
    regions = t.distinctRegions(id, now);
    sharedOpening = t.sharedOpening(id);
    fraudLinked = t.fraudLinked(id);
    flags = t.flags(id);
    return this;
  }

  @RuleField(name = "sims_30d", meaning = "Phone cards opened in the last 30 days")
  public int sims30() {
    return sims30;
  }

  @RuleField(
      name = "accounts_30d",
      meaning = "Bank, payment and internet accounts opened in the last 30 days")
  public int accounts30() {
    return accounts30;
  }

  @RuleField(name = "sims_total", meaning = "Phone cards opened in total")
  public int simsTotal() {
    return simsTotal;
  }

  @RuleField(name = "accounts_total", meaning = "Accounts opened in total")
  public int accountsTotal() {
    return accountsTotal;
  }

  @RuleField(name = "agents", meaning = "Distinct opening channels (agents, branches) recently")
  public int agents() {
    return agents;
  }

  @RuleField(name = "devices", meaning = "Distinct opening devices recently")
  public int devices() {
    return devices;
  }

  @RuleField(name = "regions", meaning = "Distinct opening regions recently")
  public int regions() {
    return regions;
  }

  @RuleField(
      name = "shared_opening",
      meaning = "The most holders seen on one device or IP this holder opened through")
  public int sharedOpening() {
    return sharedOpening;
  }

  @RuleField(
      name = "fraud_linked",
      meaning = "This holder's cards and accounts judged fraud numbers or mules")
  public int fraudLinked() {
    return fraudLinked;
  }

  @RuleField(name = "listed", meaning = "The holder is on the black list")
  public boolean listed() {
    return (flags & HolderTable.FLAG_LISTED) != 0;
  }

  @RuleField(
      name = "grey_listed",
      meaning = "On the grey list: suspected by an institution, to be watched, not blocked")
  public boolean greyListed() {
    return (flags & FeatureTable.FLAG_GREY) != 0;
  }

  @RuleField(
      name = "dishonest",
      meaning = "On the dishonest list (失信名单): sold or rented cards or accounts")
  public boolean dishonest() {
    return (flags & FeatureTable.FLAG_DISHONEST) != 0;
  }

  @RuleField(name = "whitelisted", meaning = "The holder was cleared")
  public boolean whitelisted() {
    return (flags & HolderTable.FLAG_WHITELISTED) != 0;
  }
}

package org.fanzha.engine.features;

import org.jspecify.annotations.Nullable;

/** The features of one account at one moment, as the rules read them; a reusable flyweight. */
public final class AccountFeatures {

  private final ModelSlot model = new ModelSlot();
  private final int[] counts = new int[6];
  private final long[] yuan = new long[2];
  int inCount;
  int outCount;
  long inYuan;
  long outYuan;
  int fastOut;
  int fastTotal;
  int cashOut;
  int newPayees;
  int night;
  int fanIn;
  int fanOut;
  double ageDays;
  int reports;
  int reporters;
  int victimInflows;
  int muleInflows;
  int flags;
  int deviceAccounts;
  int ipAccounts;

  /** Fills this view from the tables for account {@code id} at time {@code now}. */
  public AccountFeatures load(AccountTable t, int id, long now) {
    int[] c = counts;
    t.sums(id, now, c, yuan);
    inCount = c[AccountTable.IN_COUNT];
    outCount = c[AccountTable.OUT_COUNT];
    inYuan = yuan[0];
    outYuan = yuan[1];
    fastOut = c[AccountTable.FAST_OUT];
    fastTotal = t.fastTotal(id);
    cashOut = c[AccountTable.CASH_OUT];
    newPayees = c[AccountTable.NEW_PAYEE];
    night = c[AccountTable.NIGHT];
    fanIn = t.fanIn(id, now);
    fanOut = t.fanOut(id, now);
    ageDays = t.ageDays(id, now);
    reports = t.reports(id);
    reporters = t.reporters(id);
    victimInflows = t.victimInflows(id);
    muleInflows = t.muleInflows(id);
    flags = t.flags(id);
    deviceAccounts = t.deviceAccounts(id);
    ipAccounts = t.ipAccounts(id);
    model.reset();
    return this;
  }

  /**
   * Scores with {@code m} from the next load on ({@code null}: no model, {@code model_score} is
   * missing).
   */
  public AccountFeatures useModel(@Nullable FeatureModel m) {
    model.use(m);
    return this;
  }

  @RuleField(
      name = "model_score",
      meaning =
          "The trained model's probability (0–1) that this account is a mule account, from the features here; missing when no model is loaded")
  public double modelScore() {
    return model.score(this);
  }

  @RuleField(name = "in_count", meaning = "Transfers received in the window")
  public int inCount() {
    return inCount;
  }

  @RuleField(name = "out_count", meaning = "Transfers sent in the window")
  public int outCount() {
    return outCount;
  }

  @RuleField(name = "in_yuan", meaning = "Whole yuan received in the window")
  public long inYuan() {
    return inYuan;
  }

  @RuleField(name = "out_yuan", meaning = "Whole yuan sent in the window")
  public long outYuan() {
    return outYuan;
  }

  @RuleField(
      name = "pass_through",
      meaning = "The share of the window's inflow that left again (0 when nothing came in)")
  public double passThrough() {
    return inYuan == 0 ? 0 : (double) outYuan / inYuan;
  }

  @RuleField(
      name = "fast_out",
      meaning = "Outflows in the window that passed an inflow straight on (快进快出)")
  public int fastOut() {
    return fastOut;
  }

  @RuleField(name = "fast_total", meaning = "Fast pass-through outflows ever made")
  public int fastTotal() {
    return fastTotal;
  }

  @RuleField(
      name = "cash_out",
      meaning = "Cash-outs (ATM, cash terminal, crypto OTC) in the window")
  public int cashOut() {
    return cashOut;
  }

  @RuleField(name = "new_payees", meaning = "Outflows to payees never paid before, in the window")
  public int newPayees() {
    return newPayees;
  }

  @RuleField(name = "night_out", meaning = "Outflows at night in the window")
  public int nightOut() {
    return night;
  }

  @RuleField(name = "fan_in", meaning = "The estimated distinct payers over the last 12–24 hours")
  public int fanIn() {
    return fanIn;
  }

  @RuleField(name = "fan_out", meaning = "The estimated distinct payees over the last 12–24 hours")
  public int fanOut() {
    return fanOut;
  }

  @RuleField(
      name = "age_days",
      meaning = "The account age in days, or -1 when its opening was not seen")
  public double ageDays() {
    return ageDays;
  }

  @RuleField(name = "reports", meaning = "Reports naming this account")
  public int reports() {
    return reports;
  }

  @RuleField(name = "reporters", meaning = "Distinct reporters naming this account")
  public int reporters() {
    return reporters;
  }

  @RuleField(name = "victim_inflows", meaning = "Distinct suspected victims who paid this account")
  public int victimInflows() {
    return victimInflows;
  }

  @RuleField(
      name = "mule_inflows",
      meaning = "Inflows from suspected mules that had just been paid")
  public int muleInflows() {
    return muleInflows;
  }

  @RuleField(
      name = "device_accounts",
      meaning = "The distinct accounts recently paying from this account's device")
  public int deviceAccounts() {
    return deviceAccounts;
  }

  @RuleField(
      name = "ip_accounts",
      meaning = "The distinct accounts recently paying from this account's IP")
  public int ipAccounts() {
    return ipAccounts;
  }

  @RuleField(name = "listed", meaning = "The account is on the black list")
  public boolean listed() {
    return (flags & AccountTable.FLAG_LISTED) != 0;
  }

  @RuleField(
      name = "grey_listed",
      meaning = "On the grey list: suspected by an institution, to be watched, not blocked")
  public boolean greyListed() {
    return (flags & FeatureTable.FLAG_GREY) != 0;
  }

  @RuleField(name = "whitelisted", meaning = "The account was cleared")
  public boolean whitelisted() {
    return (flags & AccountTable.FLAG_WHITELISTED) != 0;
  }

  @RuleField(name = "dealer_linked", meaning = "The account was opened by a suspected card dealer")
  public boolean dealerLinked() {
    return (flags & AccountTable.FLAG_DEALER_LINKED) != 0;
  }

  @RuleField(
      name = "cash_terminal",
      meaning = "This is a cash-out terminal (cash:…) rather than an account")
  public boolean cashTerminal() {
    return (flags & AccountTable.FLAG_CASH) != 0;
  }
}

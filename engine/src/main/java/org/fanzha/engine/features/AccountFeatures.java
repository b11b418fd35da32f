package org.fanzha.engine.features;

/** The features of one account at one moment, as the rules read them; a reusable flyweight. */
public final class AccountFeatures {

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
  public AccountFeatures load(AccountTable t, NodeTable devices, NodeTable ips, int id, long now) {
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
    int d = t.device(id);
    deviceAccounts = d >= 0 ? devices.accounts(d, now) : 0;
    int ip = t.ip(id);
    ipAccounts = ip >= 0 ? ips.accounts(ip, now) : 0;
    return this;
  }

  /** Returns transfers received in the window. */
  public int inCount() {
    return inCount;
  }

  /** Returns transfers sent in the window. */
  public int outCount() {
    return outCount;
  }

  /** Returns whole yuan received in the window. */
  public long inYuan() {
    return inYuan;
  }

  /** Returns whole yuan sent in the window. */
  public long outYuan() {
    return outYuan;
  }

  /** Returns the share of the window's inflow that left again (0 when nothing came in). */
  public double passThrough() {
    return inYuan == 0 ? 0 : (double) outYuan / inYuan;
  }

  /** Returns outflows in the window that passed an inflow straight on (快进快出). */
  public int fastOut() {
    return fastOut;
  }

  /** Returns fast pass-through outflows ever made. */
  public int fastTotal() {
    return fastTotal;
  }

  /** Returns cash-outs (ATM, cash terminal, crypto OTC) in the window. */
  public int cashOut() {
    return cashOut;
  }

  /** Returns outflows to payees never paid before, in the window. */
  public int newPayees() {
    return newPayees;
  }

  /** Returns outflows at night in the window. */
  public int nightOut() {
    return night;
  }

  /** Returns the estimated distinct payers over the last 12–24 hours. */
  public int fanIn() {
    return fanIn;
  }

  /** Returns the estimated distinct payees over the last 12–24 hours. */
  public int fanOut() {
    return fanOut;
  }

  /** Returns the account age in days, or -1 when its opening was not seen. */
  public double ageDays() {
    return ageDays;
  }

  /** Returns reports naming this account. */
  public int reports() {
    return reports;
  }

  /** Returns distinct reporters naming this account. */
  public int reporters() {
    return reporters;
  }

  /** Returns distinct suspected victims who paid this account. */
  public int victimInflows() {
    return victimInflows;
  }

  /** Returns inflows from suspected mules that had just been paid. */
  public int muleInflows() {
    return muleInflows;
  }

  /** Returns the distinct accounts recently paying from this account's device. */
  public int deviceAccounts() {
    return deviceAccounts;
  }

  /** Returns the distinct accounts recently paying from this account's IP. */
  public int ipAccounts() {
    return ipAccounts;
  }

  /** Returns whether the account is on the black list. */
  public boolean listed() {
    return (flags & AccountTable.FLAG_LISTED) != 0;
  }

  /** Returns whether the account was cleared. */
  public boolean whitelisted() {
    return (flags & AccountTable.FLAG_WHITELISTED) != 0;
  }

  /** Returns whether the account was opened by a suspected card dealer. */
  public boolean dealerLinked() {
    return (flags & AccountTable.FLAG_DEALER_LINKED) != 0;
  }

  /** Returns whether this is a cash-out terminal ({@code cash:…}) rather than an account. */
  public boolean cashTerminal() {
    return (flags & AccountTable.FLAG_CASH) != 0;
  }
}

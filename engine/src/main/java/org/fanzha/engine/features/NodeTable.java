package org.fanzha.engine.features;

import static org.fanzha.core.time.Millis.HOUR;

/**
 * Devices and IPs: which holders opened cards or accounts through them (15–30 days), which phones
 * called through them (an IMEI or a cell, 12–24 hours) and which accounts paid through them (12–24
 * hours).
 */
public final class NodeTable extends FeatureTable {

  static final int FLAGS = 0;
  static final int OPENINGS = 1;
  private static final int SCALARS = 2;

  public static final int FLAG_LISTED = FeatureTable.FLAG_LISTED;
  public static final int FLAG_DEALER_LINKED = 2;
  public static final int FLAG_WHITELISTED = FeatureTable.FLAG_WHITELISTED;

  private static final Distinct HOLDERS = new Distinct(SCALARS, 1, 15 * 24 * HOUR);
  private static final Distinct PHONES = new Distinct(HOLDERS.end(), 2, 12 * HOUR);
  private static final Distinct ACCOUNTS = new Distinct(PHONES.end(), 1, 12 * HOUR);
  private static final int STRIDE = ACCOUNTS.end();

  /** Creates an empty table sized for {@code expected} nodes. */
  public NodeTable(int expected) {
    super(STRIDE, expected);
  }

  @Override
  public int flags(int id) {
    return page(id)[base(id) + FLAGS];
  }

  @Override
  public void setFlags(int id, int bits) {
    page(id)[base(id) + FLAGS] |= bits;
  }

  @Override
  public void clearFlags(int id, int bits) {
    page(id)[base(id) + FLAGS] &= ~bits;
  }

  /** Records an opening by a holder through this node. */
  public void openedBy(int id, long ts, int holderHash) {
    page(id)[base(id) + OPENINGS]++;
    HOLDERS.add(page(id), base(id), ts, Distinct.mix(holderHash));
  }

  /** Returns how many openings went through this node. */
  public int openings(int id) {
    return page(id)[base(id) + OPENINGS];
  }

  /** Returns distinct holders that opened through this node over the last 15–30 days. */
  public int holders(int id, long now) {
    return HOLDERS.estimate(page(id), base(id), now);
  }

  /** Records a phone calling through this node. */
  public void usedByPhone(int id, long ts, int phoneHash) {
    PHONES.add(page(id), base(id), ts, Distinct.mix(phoneHash));
  }

  /** Returns distinct phones that called through this node over the last 12–24 hours. */
  public int phones(int id, long now) {
    return PHONES.estimate(page(id), base(id), now);
  }

  /** Records an account paying through this node. */
  public void usedByAccount(int id, long ts, int accountHash) {
    ACCOUNTS.add(page(id), base(id), ts, Distinct.mix(accountHash));
  }

  /** Returns distinct accounts that paid through this node over the last 12–24 hours. */
  public int accounts(int id, long now) {
    return ACCOUNTS.estimate(page(id), base(id), now);
  }

  /**
   * A handset or network that cards or accounts were opened through is kept, as the registrations
   * are.
   */
  @Override
  public boolean holdsNothing(int id, int keepScore) {
    return super.holdsNothing(id, keepScore) && openings(id) == 0;
  }

  @Override
  protected int retainedFlags() {
    return super.retainedFlags() | FLAG_DEALER_LINKED;
  }
}

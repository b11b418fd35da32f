package org.fanzha.engine.features;

import static org.fanzha.core.time.Millis.HOUR;

/**
 * Radio cells named by calls: only which phones called through each (12–24 hours), for the SIM-box
 * signal of many numbers in one cell. Cells are not scored, so their slices hold no risk: 20 bytes
 * a cell, where a device or IP slice takes 64.
 */
public final class CellTable extends FeatureTable {

  private static final Distinct PHONES = new Distinct(0, 2, 12 * HOUR);
  private static final int STRIDE = PHONES.end();

  /** Creates an empty table sized for {@code expected} cells. */
  public CellTable(int expected) {
    super(STRIDE, expected, false);
  }

  /** Records a phone calling through this cell. */
  public void usedByPhone(int id, long ts, int phoneHash) {
    PHONES.add(page(id), base(id), ts, Distinct.mix(phoneHash));
  }

  /** Returns distinct phones that called through this cell over the last 12–24 hours. */
  public int phones(int id, long now) {
    return PHONES.estimate(page(id), base(id), now);
  }

  /**
   * Cells are never listed, as they are never scored: the flag methods throw, as the risk methods
   * do.
   */
  @Override
  public int flags(int id) {
    throw new UnsupportedOperationException("radio cells carry no flags");
  }

  @Override
  public void setFlags(int id, int bits) {
    throw new UnsupportedOperationException("radio cells carry no flags");
  }

  @Override
  public void clearFlags(int id, int bits) {
    throw new UnsupportedOperationException("radio cells carry no flags");
  }
}

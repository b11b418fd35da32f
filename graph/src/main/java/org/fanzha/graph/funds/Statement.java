package org.fanzha.graph.funds;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.time.Duration;

/**
 * What an account's statement shows over the period traced money was arriving in it: everything
 * that came in, how much of it was traced money or came by the laundering chain, and how much of
 * what came in went straight out again (快进快出). The freeze plan reads it the way an investigator
 * reads a bank statement.
 *
 * @param fromTs start of the period: the first arrival of traced money
 * @param toTs end of the period: the end of the trace window
 * @param inFen all money that came in during the period (self-transfers left out)
 * @param tracedInFen the traced money among it, summed over the traces combined
 * @param chainInFen the whole amounts of the transfers in that carried traced money at the pace of
 *     a laundering chain: paid on within the pass-through time of the traced money reaching the
 *     payer (the victim's own payment counts); each transfer once, however many traces it carried
 * @param quickOutFen money that left again within the pass-through time of arriving, each payment
 *     matched to the newest money in (see {@link #passThroughShare()})
 */
public record Statement(
    long fromTs, long toTs, long inFen, long tracedInFen, long chainInFen, long quickOutFen) {

  /**
   * Returns the traced money's share of what came in, 0–1 (shown to the investigator; the plan
   * reads {@link #chainShare()}, which does not depend on how a payment is split into traced and
   * other money).
   */
  public double tracedShare() {
    return inFen <= 0 ? 0 : Math.min(1.0, (double) tracedInFen / inFen);
  }

  /**
   * Returns the share of what came in that went out again within the pass-through time, 0–1. Each
   * payment out is matched to the newest money in (last in, first out), which is how a statement of
   * 快进快出 reads: 10,000 in at 10:00 and 9,950 out at 10:05 is pass-through even if the account held
   * older money of its own.
   */
  public double passThroughShare() {
    return inFen <= 0 ? 0 : Math.min(1.0, (double) quickOutFen / inFen);
  }

  /**
   * Returns the share of what came in that the laundering chain paid in, 0–1: near 1 for the next
   * card of a chain; small for a shop (many other customers) and 0 for a relative paid from a
   * mule's card days after the stolen money went through it (FIFO then hands the relative stolen
   * money that rested there, but the payment is not part of the chain).
   */
  public double chainShare() {
    return inFen <= 0 ? 0 : Math.min(1.0, (double) chainInFen / inFen);
  }

  /**
   * Returns the statement of {@code account} over {@code [fromTs, toTs]}; caller holds the graph's
   * read lock. Cost: O(transfers of the account in the period).
   */
  static Statement of(
      TransferGraph g,
      int account,
      long fromTs,
      long toTs,
      long tracedInFen,
      long chainInFen,
      Duration passThroughWithin) {
    IntArrayList outs = new IntArrayList();
    IntArrayList ins = new IntArrayList();
    g.outEdges(account, fromTs, toTs, outs);
    g.inEdges(account, fromTs, toTs, ins);
    long within = passThroughWithin.toMillis();
    // a stack of lots in: newest on top
    long[] lotAmt = new long[16];
    long[] lotTs = new long[16];
    int top = 0;
    long in = 0;
    long quick = 0;
    int i = 0;
    int j = 0;
    while (i < outs.size() || j < ins.size()) {
      boolean takeOut;
      if (i == outs.size()) {
        takeOut = false;
      } else if (j == ins.size()) {
        takeOut = true;
      } else {
        takeOut = g.compareEdges(outs.getInt(i), ins.getInt(j)) <= 0;
      }
      int e = takeOut ? outs.getInt(i++) : ins.getInt(j++);
      if (g.from(e) == g.to(e)) {
        continue; // a self-transfer moves nothing (it is listed in both lists)
      }
      long amt = g.amount(e);
      long ts = g.ts(e);
      if (!takeOut) {
        in += amt;
        if (top == lotAmt.length) {
          lotAmt = java.util.Arrays.copyOf(lotAmt, top * 2);
          lotTs = java.util.Arrays.copyOf(lotTs, top * 2);
        }
        lotAmt[top] = amt;
        lotTs[top] = ts;
        top++;
        continue;
      }
      long need = amt;
      while (need > 0 && top > 0) {
        int k = top - 1;
        long x = Math.min(need, lotAmt[k]);
        if (ts - lotTs[k] <= within) {
          quick += x;
        }
        lotAmt[k] -= x;
        need -= x;
        if (lotAmt[k] == 0) {
          top--;
        }
      }
      // what is left of the payment came from money held before the period
    }
    return new Statement(fromTs, toTs, in, tracedInFen, chainInFen, quick);
  }
}

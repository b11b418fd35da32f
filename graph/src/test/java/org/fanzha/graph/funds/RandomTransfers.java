package org.fanzha.graph.funds;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.fanzha.core.event.Channel;

/** Random small transfer graphs for property tests: a handful of accounts, many transfers. */
record RandomTransfers(List<Tx> txs) {

  static final long T0 = 1_795_000_000_000L;

  /** One transfer in arrival order. */
  record Tx(String from, String to, long ts, long amount, Channel channel) {}

  /**
   * Returns transfers among {@code accounts} accounts with times in a 6-hour span; one in {@code
   * cashEvery} is a cash-out. With {@code distinctTimes} no two transfers share a time.
   */
  static RandomTransfers generate(
      long seed, int accounts, int transfers, int cashEvery, boolean distinctTimes) {
    Random r = new Random(seed);
    List<Tx> txs = new ArrayList<>();
    for (int i = 0; i < transfers; i++) {
      int f = r.nextInt(accounts);
      int t = r.nextInt(accounts);
      long ts = distinctTimes ? T0 + i * 1000L + r.nextInt(900) : T0 + r.nextInt(360) * 60_000L;
      long amount = 1 + r.nextInt(r.nextBoolean() ? 1_000 : 2_000_000);
      boolean cash = cashEvery > 0 && r.nextInt(cashEvery) == 0;
      String to = cash && r.nextBoolean() ? "cash:T" + t : "acct:" + t;
      Channel ch = cash ? (r.nextBoolean() ? Channel.ATM : Channel.CRYPTO_OTC) : Channel.MOBILE;
      txs.add(new Tx("acct:" + f, to, ts, amount, ch));
    }
    return new RandomTransfers(txs);
  }

  TransferGraph graph(int deltaMin) {
    TransferGraph g = new TransferGraph(16, deltaMin);
    for (Tx t : txs) {
      g.append(t.from(), t.to(), t.ts(), t.amount(), t.channel());
    }
    return g;
  }
}

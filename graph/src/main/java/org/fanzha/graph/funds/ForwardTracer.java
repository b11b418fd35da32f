package org.fanzha.graph.funds;

import java.util.Optional;
import org.fanzha.core.event.TransferEvent;

/**
 * Follows stolen money forward from a transfer, or from everything an account paid out after a
 * time, through the {@link TransferGraph}: where it went, how much of it, at which tier, and where
 * it is now. Thread-safe; a trace holds the graph's read lock while it runs.
 */
public final class ForwardTracer {
  /*
   * Design.
   *
   * 1. Time respected. Money can leave an account only after it arrived. The trace is an
   *    event-driven replay in global (time, arrival index) order of the transfers of every account
   *    that holds traced money, so a payment made before the traced money arrived never carries
   *    it, and merging paths (two routes into one account) are handled by the same clock.
   *
   * 2. Mixing. A mule card also receives other money (other victims', the holder's own). An
   *    account's balance is rebuilt from the transfers the graph holds, starting from zero a
   *    lookback (default 7 days) before the seed. The real opening balance is not in the data;
   *    mule cards are kept near empty, and a payment exceeding the known balance is taken to be
   *    paid from that unknown balance, which carries no traced money. The lookback makes traces of
   *    different victims agree on each account's queue (two victims' traces cannot both claim the
   *    same payment once the account has been emptied within the lookback), so their freeze plans
   *    add up. Which part of each payment is traced money is then a policy:
   *
   *    FIFO (default): the balance is a queue of lots in arrival order and each payment spends the
   *    oldest lots first. Within one incoming transfer that is partly traced, the traced part is
   *    queued first.
   *    PROPORTIONAL: every payment carries the traced share of the balance at that moment. Shares
   *    are cut to the fen by largest remainder (each share gives the floor of its exact slice and
   *    the leftover fen go to the largest fractions), so a payment splits exactly.
   *
   *    Worked example. Seed: at 10:00 victim V pays mule A 10,000.00. At 10:05 X pays A 4,000.00
   *    (other money). At 10:10 A pays B 6,000.00, at 10:20 A pays C 6,000.00 and at 10:30 A
   *    withdraws 2,000.00 at an ATM (cash:T1).
   *      FIFO: A's queue is [traced 10,000 | other 4,000]. A→B takes 6,000 traced. A→C takes the
   *      remaining 4,000 traced and 2,000 other. The ATM withdrawal takes other money only.
   *      Result: B holds 6,000.00 (二级卡), C holds 4,000.00 (二级卡), cash-out 0.
   *      PROPORTIONAL: A holds 14,000 of which 10,000 traced. A→B carries 6,000 × 10,000/14,000 =
   *      4,285.714… → 4,285.71 (the other money's 1,714.285… takes the leftover fen: 1,714.29);
   *      A keeps 8,000 of which 5,714.29 traced. A→C carries 6,000 × 5,714.29/8,000 = 4,285.7175
   *      → 4,285.72 (.75 beats the other money's .25); A keeps 2,000 of which 1,428.57 traced, and
   *      the ATM withdrawal takes all of it. Result: B 4,285.71, C 4,285.72, cash-out 1,428.57.
   *    Both sum to exactly 10,000.00. FIFO matches how police and banks read a statement (the
   *    first money in is the first out) and concentrates the money in few accounts, which suits a
   *    freeze plan; proportional spreads it thinly over every payee and is the fairer rule when
   *    victims share one account (FundReturn uses it for the pro-rata return).
   *
   * 3. Stopping. Money stops at a cash-out (a cash: payee, or the atm / crypto_otc channel), in an
   *    account that still holds it when the data or the window ends, at the hop limit (the money
   *    reached a tier-maxHops account, which is reported as holding it), and below the minimum
   *    fragment (counted as untraced, never silently dropped). So the books always balance:
   *    seed = holdings + cash-outs + untraced, exactly, in fen.
   *
   * 4. Cost. Only accounts that hold traced money are replayed; an account whose traced money is
   *    all gone is paused and caught up (balance arithmetic only, no allocation) if traced money
   *    reaches it again. The step budget bounds a trace that runs into a hub account.
   */

  private final TransferGraph graph;
  private final TraceSettings settings;

  /** Creates a tracer over the graph with the given limits. */
  public ForwardTracer(TransferGraph graph, TraceSettings settings) {
    this.graph = graph;
    this.settings = settings;
  }

  /** Returns the settings this tracer applies. */
  public TraceSettings settings() {
    return settings;
  }

  /**
   * Returns the trace of one journaled transfer, or empty when the graph does not hold it. The
   * transfer's id is carried into the seed.
   */
  public Optional<ForwardTrace> traceTransfer(TransferEvent transfer) {
    return graph.read(
        () -> {
          int e = graph.findEdge(transfer);
          if (e < 0) {
            return Optional.empty();
          }
          return Optional.of(new TraceRun(graph, settings).runTransfer(e, transfer.id()));
        });
  }

  /** Returns the trace of the transfer at edge index {@code edge} of the graph. */
  public ForwardTrace traceEdge(int edge) {
    return graph.read(
        () -> {
          if (edge < 0 || edge >= graph.edgeCountUnlocked()) {
            throw new IllegalArgumentException(
                "edge "
                    + edge
                    + " is outside the graph (0.."
                    + (graph.edgeCountUnlocked() - 1)
                    + ")");
          }
          return new TraceRun(graph, settings).runTransfer(edge, null);
        });
  }

  /**
   * Returns the trace of everything {@code account} paid out from {@code afterMillis} (inclusive)
   * to the end of the window. An account the graph has never seen gives an empty trace.
   */
  public ForwardTrace traceAccount(String account, long afterMillis) {
    return graph.read(() -> new TraceRun(graph, settings).runAccount(account, afterMillis));
  }
}

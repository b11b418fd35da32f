package org.fanzha.graph.funds;

import java.util.List;
import org.fanzha.core.event.Channel;
import org.jspecify.annotations.Nullable;

/**
 * The answer of a forward trace: where the seed's money went, where it is now and how much could
 * not be followed. Amounts are in fen. The books balance exactly: {@code seed.amountFen ==
 * sum(holdings) + sum(cashedOut) + untracedFen}.
 *
 * @param seed what was traced
 * @param settings the limits it was traced under
 * @param edges every transfer that carried traced money, with the traced part of it, in time order
 * @param holdings accounts still holding traced money, largest first
 * @param cashedOut traced money that left the banking system, in time order
 * @param untracedFen fragments below the minimum amount that were not followed
 * @param accounts every account the money reached, by tier
 * @param truncated whether the step budget ran out (remaining money then counts as holdings)
 */
public record ForwardTrace(
    Seed seed,
    TraceSettings settings,
    List<Edge> edges,
    List<Holding> holdings,
    List<CashOut> cashedOut,
    long untracedFen,
    List<AccountFlow> accounts,
    boolean truncated) {

  public ForwardTrace {
    edges = List.copyOf(edges);
    holdings = List.copyOf(holdings);
    cashedOut = List.copyOf(cashedOut);
    accounts = List.copyOf(accounts);
  }

  /** Returns the sum of all holdings, in fen. */
  public long heldFen() {
    long s = 0;
    for (Holding h : holdings) {
      s += h.amountFen();
    }
    return s;
  }

  /** Returns the sum of all cash-outs, in fen. */
  public long cashedOutFen() {
    long s = 0;
    for (CashOut c : cashedOut) {
      s += c.amountFen();
    }
    return s;
  }

  /** What a trace started from. */
  public enum SeedKind {
    /** One transfer, e.g. the victim's payment. */
    TRANSFER,
    /** Everything one account paid out after a time. */
    ACCOUNT
  }

  /**
   * The starting point of a trace.
   *
   * @param kind transfer or account
   * @param transferId the transfer's event id when known
   * @param account the payer of the transfer, or the account traced
   * @param to the payee of the transfer ({@code null} for an account seed)
   * @param ts the transfer's time, or the "after" time of an account seed
   * @param amountFen the money traced: the transfer's amount, or all the account paid out in the
   *     window
   * @param windowEndTs the last moment followed
   */
  public record Seed(
      SeedKind kind,
      @Nullable String transferId,
      String account,
      @Nullable String to,
      long ts,
      long amountFen,
      long windowEndTs) {}

  /**
   * A transfer that carried traced money.
   *
   * @param from payer
   * @param to payee
   * @param amountFen the traced part of the transfer (at most its amount)
   * @param transferFen the whole transfer amount
   * @param ts transfer time
   * @param hop 1 for money leaving the seed account, 2 for the next transfer, and so on
   * @param channel the transfer's channel if given
   */
  public record Edge(
      String from,
      String to,
      long amountFen,
      long transferFen,
      long ts,
      int hop,
      @Nullable Channel channel) {}

  /** Why traced money is reported as sitting in an account. */
  public enum HoldReason {
    /** It had not left by the end of the data or the window. */
    HELD,
    /** The account is at the hop limit; the money was not followed further. */
    HOP_LIMIT,
    /** It came back to the account traced (account seeds only). */
    RETURNED_TO_SOURCE,
    /** The step budget ran out while it was here. */
    TRUNCATED;

    /** Returns the lower-case wire name. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Traced money sitting in an account.
   *
   * @param account where it is
   * @param amountFen how much
   * @param hop the hop of the transfer that brought it (the account's tier)
   * @param reason why it is reported here
   * @param lastInTs when the last of it arrived
   */
  public record Holding(
      String account, long amountFen, int hop, HoldReason reason, long lastInTs) {}

  /**
   * Traced money that left the banking system.
   *
   * @param account the account it left from
   * @param to the receiver ({@code cash:} terminal, OTC desk account)
   * @param amountFen how much
   * @param channel the channel ({@code atm}, {@code crypto_otc}) if given
   * @param ts when
   * @param hop the hop of the cash-out transfer
   */
  public record CashOut(
      String account, String to, long amountFen, @Nullable Channel channel, long ts, int hop) {}

  /**
   * An account the traced money passed through or stopped in.
   *
   * @param account the account
   * @param tier the smallest hop at which traced money reached it (1 = 一级卡); 0 for the traced
   *     account of an account seed
   * @param receivedFen traced money that arrived
   * @param sentFen traced money that left (to accounts or cash)
   * @param firstInTs when traced money first arrived ({@code Long.MIN_VALUE} for the source)
   */
  public record AccountFlow(
      String account, int tier, long receivedFen, long sentFen, long firstInTs) {}
}

package org.fanzha.graph.funds;

import java.util.List;

/**
 * The answer of a reverse trace: whose money came into an account, how much and when, followed back
 * hop by hop. Amounts are in fen; {@code sum(origins) == receivedFen} exactly.
 *
 * @param account the account traced back from (usually a mule card)
 * @param fromTs start of the period whose incoming money is explained
 * @param toTs end of that period
 * @param receivedFen all money that came in during the period
 * @param edges transfers that carried the money, with the part attributed to it; hop 1 pays the
 *     account, hop 2 paid a hop-1 payer, …
 * @param senders per account and hop: how much of the money passed through it, first and last time
 * @param origins where the backward trail ends: an account's own funds (money it held before the
 *     window or that the graph cannot explain) or the hop limit
 */
public record ReverseTrace(
    String account,
    long fromTs,
    long toTs,
    long receivedFen,
    List<ForwardTrace.Edge> edges,
    List<Sender> senders,
    List<Origin> origins) {

  public ReverseTrace {
    edges = List.copyOf(edges);
    senders = List.copyOf(senders);
    origins = List.copyOf(origins);
  }

  /** An account that sent (part of) the money, {@code hop} steps back. */
  public record Sender(
      String account, int hop, long amountFen, int transfers, long firstTs, long lastTs) {}

  /** Why a backward trail ends at an account. */
  public enum OriginReason {
    /** Paid from money the account held before the window, or that no known transfer explains. */
    OWN_FUNDS,
    /** The hop limit was reached. */
    HOP_LIMIT
  }

  /** Where money came from, as far as the trace can tell. */
  public record Origin(String account, long amountFen, int hop, OriginReason reason) {}
}

package org.fanzha.graph.funds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fanzha.core.event.Channel;
import org.fanzha.core.id.Identifiers;
import org.fanzha.graph.funds.ForwardTrace.AccountFlow;
import org.fanzha.graph.funds.ForwardTrace.Holding;
import org.fanzha.graph.funds.ForwardTrace.SeedKind;
import org.jspecify.annotations.Nullable;

/**
 * The accounts to stop (止付) or freeze (冻结) after one or more traces, largest traced holding first,
 * each with the amount to hold: the traced money in it, never the whole account.
 *
 * <p>Every account holding traced money is judged on its statement over the period traced money was
 * arriving in it ({@link Statement}), as an investigator would before asking a bank to act:
 *
 * <ol>
 *   <li>Below {@link Rule#minFen()} (default 1,000 yuan) it is counted in {@code belowMinimum*},
 *       not planned: holding a shop for a 35-yuan meal is out of proportion.
 *   <li>It is planned ({@link Basis#PASS_THROUGH}) when at least {@link Rule#minPassThroughShare()}
 *       (default 0.5) of what came in went out again within {@link Rule#passThroughWithin()}
 *       (default 1 hour) of arriving: 快进快出, the mark of a mule card even when most of its money
 *       comes from victims nobody has reported (and so is not traced).
 *   <li>It is planned ({@link Basis#CHAIN_FED}) when at least {@link Rule#minChainShare()} (default
 *       0.5) of what came in was paid in by the laundering chain: transfers carrying traced money
 *       that the payer passed on within the pass-through time of receiving it (the victim's own
 *       payment included). This is the card the chain is paying into right now, which has had no
 *       time to pass the money on, or a collection card that keeps it.
 *   <li>Otherwise it is an ordinary payee of a mule (a shop, a landlord, a relative) and is listed
 *       in {@link #notPlanned()} with its statement, not planned. Under FIFO a recruited mule's own
 *       everyday payments (a resident's rented card) carry the traced money that stayed in the
 *       card: a shop then shows a tiny traced share, and a relative paid days later shows traced
 *       money that rested in the mule's card instead of moving at the chain's pace. The trace still
 *       shows where the money went; freezing the shop or the relative is wrong.
 * </ol>
 *
 * The account an account-seed trace started from ({@link Basis#TRACED_ACCOUNT}, tier 0) is always
 * planned above the minimum: the investigator chose it. Victims (payers of transfer seeds) and
 * {@code cash:} terminals are never planned. The rule changes only the choice: the traces and their
 * books (holdings + cash-outs + untraced = seed) are untouched. On the simulator (bench:
 * EvaluateTracing, 10,000 people, 30 days) plan precision went from 0.944 to 0.986 (68 of 69) on
 * the worlds the thresholds were chosen on (seeds 11–13), and from 0.917 to 1.000 (44 of 44) and
 * from 0.957 to 1.000 (112 of 112) on held-out worlds 1–3 and 21–25, with no mule dropped. The one
 * remaining error is a relative paid from a rented card within the hour after stolen money went
 * through it: on the statement that is indistinguishable from the chain's next card.
 *
 * @param items the accounts to hold, largest amount first
 * @param totalFen the sum of the items
 * @param notPlanned accounts above the minimum left out as ordinary payees, largest amount first
 * @param belowMinimumAccounts accounts left out for holding less than the minimum
 * @param belowMinimumFen what they hold together
 */
public record FreezePlan(
    List<Item> items,
    long totalFen,
    List<NotPlanned> notPlanned,
    int belowMinimumAccounts,
    long belowMinimumFen) {

  /** The default smallest holding worth a stop or freeze: 1,000 yuan. */
  public static final long DEFAULT_MIN_FEN = 100_000;

  /**
   * Money that arrived within this long before "now" is still moving: it gets an emergency stop
   * first (48 h receive-only, LAW.md 第20条); money resting longer gets a freeze.
   */
  public static final Duration STOP_WINDOW = Duration.ofHours(48);

  public FreezePlan {
    items = List.copyOf(items);
    notPlanned = List.copyOf(notPlanned);
  }

  /**
   * The thresholds of the plan (see the class comment).
   *
   * @param minFen smallest traced holding worth holding, in fen
   * @param minChainShare share of the money in paid by the laundering chain that marks {@link
   *     Basis#CHAIN_FED}, 0–1
   * @param minPassThroughShare share of the money in that left within {@code passThroughWithin}
   *     that marks pass-through, 0–1
   * @param passThroughWithin how soon money must leave again to count as passing through, and how
   *     soon after reaching its payer traced money must arrive to count as the chain's pace
   */
  public record Rule(
      long minFen, double minChainShare, double minPassThroughShare, Duration passThroughWithin) {

    /**
     * 1,000 yuan; half the money in paid by the chain, or half the money in out again within the
     * hour. Chosen on simulated worlds 11–13 and checked on held-out worlds 1–3 and 21–25 (bench:
     * EvaluateTracing).
     */
    public static final Rule DEFAULT = new Rule(DEFAULT_MIN_FEN, 0.5, 0.5, Duration.ofHours(1));

    /** Returns the rule before the statement test: every holding from the minimum up is planned. */
    public static Rule minimumOnly(long minFen) {
      return new Rule(minFen, 0, 0, Duration.ZERO);
    }

    public Rule {
      if (minFen < 1) {
        throw new IllegalArgumentException("minFen must be at least 1 fen, was " + minFen);
      }
      if (!(minChainShare >= 0 && minChainShare <= 1)
          || !(minPassThroughShare >= 0 && minPassThroughShare <= 1)) {
        throw new IllegalArgumentException(
            "shares must be 0–1, were " + minChainShare + " and " + minPassThroughShare);
      }
      if (passThroughWithin.isNegative()) {
        throw new IllegalArgumentException(
            "passThroughWithin must not be negative, was " + passThroughWithin);
      }
    }

    /** Returns this rule with another minimum holding. */
    public Rule withMinFen(long fen) {
      return new Rule(fen, minChainShare, minPassThroughShare, passThroughWithin);
    }
  }

  /** What to ask the bank for. */
  public enum Action {
    /** 紧急止付: 48 hours receive-only, at most renewed once. */
    STOP,
    /** 快速冻结: up to 6 months, renewable. */
    FREEZE;

    /** Returns the lower-case wire name. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Why an account is in the plan. */
  public enum Basis {
    /** The account an account-seed trace started from. */
    TRACED_ACCOUNT("被追踪账户", "account traced"),
    /** What came in went straight out again. */
    PASS_THROUGH("快进快出", "fast pass-through"),
    /** Most of what came in was paid in by the laundering chain. */
    CHAIN_FED("入账以资金链转入为主", "mostly paid in by the laundering chain");

    private final String textZh;
    private final String textEn;

    Basis(String textZh, String textEn) {
      this.textZh = textZh;
      this.textEn = textEn;
    }

    /** Returns the lower-case wire name. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the Chinese explanation. */
    public String textZh() {
      return textZh;
    }

    /** Returns the English explanation. */
    public String textEn() {
      return textEn;
    }
  }

  /**
   * One account in the plan.
   *
   * @param account the account
   * @param amountFen traced money held there
   * @param tier its tier (1 = 一级卡); 0 for the account an account-seed trace started from
   * @param action stop or freeze
   * @param lastInTs when the last traced money arrived
   * @param traces how many of the combined traces (victims) have money here
   * @param basis why it is planned
   * @param statement its statement over the period; {@code null} for {@link Basis#TRACED_ACCOUNT}
   */
  public record Item(
      String account,
      long amountFen,
      int tier,
      Action action,
      long lastInTs,
      int traces,
      Basis basis,
      @Nullable Statement statement) {

    /** Returns the tier's Chinese name ({@code 一级卡}), or {@code 涉案账户} for tier 0. */
    public String tierZh() {
      return tier == 0 ? "涉案账户" : Tiers.nameZh(tier);
    }
  }

  /**
   * An account holding traced money above the minimum that is left out of the plan: its statement
   * shows an ordinary payee (it did not pass money on, and little of what came in was paid by the
   * laundering chain: a shop's other customers, or a relative paid after the money rested).
   *
   * @param account the account
   * @param amountFen traced money held there
   * @param tier its tier
   * @param lastInTs when the last traced money arrived
   * @param traces how many of the combined traces have money here
   * @param statement what its statement shows
   */
  public record NotPlanned(
      String account, long amountFen, int tier, long lastInTs, int traces, Statement statement) {

    /** Returns the reason in Chinese, with the two shares. */
    public String reasonZh() {
      return String.format(
          Locale.ROOT,
          "普通收款方（商户、亲友等）：资金链转入占入账 %.1f%%，快进快出 %.1f%%，涉案资金占入账 %.1f%%",
          100 * statement.chainShare(),
          100 * statement.passThroughShare(),
          100 * statement.tracedShare());
    }

    /** Returns the reason in English, with the two shares. */
    public String reasonEn() {
      return String.format(
          Locale.ROOT,
          "ordinary payee (shop, family): %.1f%% of money in paid by the chain, %.1f%% passed through, %.1f%% traced",
          100 * statement.chainShare(),
          100 * statement.passThroughShare(),
          100 * statement.tracedShare());
    }
  }

  /** Returns the plan for one trace as of {@code asOfMillis} (usually now), default rule. */
  public static FreezePlan of(TransferGraph graph, ForwardTrace trace, long asOfMillis) {
    return combine(graph, List.of(trace), asOfMillis, Rule.DEFAULT);
  }

  /** Returns one plan for several traces with the default rule. */
  public static FreezePlan combine(
      TransferGraph graph, Collection<ForwardTrace> traces, long asOfMillis) {
    return combine(graph, traces, asOfMillis, Rule.DEFAULT);
  }

  /**
   * Returns one plan for several traces (e.g. every victim of one case) of the same graph: holdings
   * in the same account add up, and so do the chain's payments into it, so a card fed by five
   * victims reads as chain-fed only when all five are traced together. Statements are read from
   * {@code graph} under its read lock.
   */
  public static FreezePlan combine(
      TransferGraph graph, Collection<ForwardTrace> traces, long asOfMillis, Rule rule) {
    Set<String> victims = new HashSet<>();
    for (ForwardTrace t : traces) {
      if (t.seed().kind() == SeedKind.TRANSFER) {
        victims.add(t.seed().account());
      }
    }
    Map<String, Acc> acc = new HashMap<>();
    for (ForwardTrace t : traces) {
      Set<String> seen = new HashSet<>();
      for (Holding h : t.holdings()) {
        if (victims.contains(h.account()) || Identifiers.isCashTerminal(h.account())) {
          continue;
        }
        Acc a = acc.computeIfAbsent(h.account(), k -> new Acc());
        a.amount += h.amountFen();
        a.tier =
            Math.min(
                a.tier, h.reason() == ForwardTrace.HoldReason.RETURNED_TO_SOURCE ? 0 : h.hop());
        a.lastIn = Math.max(a.lastIn, h.lastInTs());
        if (seen.add(h.account())) {
          a.traces++;
        }
      }
      for (AccountFlow f : t.accounts()) {
        Acc a = acc.get(f.account());
        if (a != null && f.tier() > 0) {
          a.tracedIn += f.receivedFen();
          a.from = Math.min(a.from, f.firstInTs());
          a.to = Math.max(a.to, t.seed().windowEndTs());
        }
      }
    }
    for (ForwardTrace t : traces) {
      chainArrivals(t, acc, rule.passThroughWithin().toMillis());
    }
    return graph.read(() -> build(graph, acc, asOfMillis, rule));
  }

  private static FreezePlan build(
      TransferGraph graph, Map<String, Acc> acc, long asOfMillis, Rule rule) {
    List<Item> items = new ArrayList<>();
    List<NotPlanned> left = new ArrayList<>();
    long total = 0;
    int belowN = 0;
    long belowFen = 0;
    long stopAfter = asOfMillis - STOP_WINDOW.toMillis();
    for (Map.Entry<String, Acc> en : acc.entrySet()) {
      Acc a = en.getValue();
      if (a.amount < rule.minFen()) {
        belowN++;
        belowFen += a.amount;
        continue;
      }
      Basis basis;
      Statement st = null;
      if (a.tier == 0) {
        basis = Basis.TRACED_ACCOUNT;
      } else {
        long from =
            a.from == Long.MAX_VALUE ? a.lastIn : a.from; // every holding has a flow; defensive
        st =
            Statement.of(
                graph,
                graph.find(en.getKey()),
                from,
                Math.max(from, a.to),
                a.tracedIn,
                a.chainIn,
                rule.passThroughWithin());
        if (st.passThroughShare() >= rule.minPassThroughShare()) {
          basis = Basis.PASS_THROUGH;
        } else if (st.chainShare() >= rule.minChainShare()) {
          basis = Basis.CHAIN_FED;
        } else {
          left.add(new NotPlanned(en.getKey(), a.amount, a.tier, a.lastIn, a.traces, st));
          continue;
        }
      }
      Action action = a.lastIn >= stopAfter ? Action.STOP : Action.FREEZE;
      items.add(new Item(en.getKey(), a.amount, a.tier, action, a.lastIn, a.traces, basis, st));
      total += a.amount;
    }
    items.sort(Comparator.comparingLong(Item::amountFen).reversed().thenComparing(Item::account));
    left.sort(
        Comparator.comparingLong(NotPlanned::amountFen)
            .reversed()
            .thenComparing(NotPlanned::account));
    return new FreezePlan(items, total, left, belowN, belowFen);
  }

  /**
   * Adds to each account in {@code acc} the whole amount of every transfer that carried traced
   * money to it within {@code within} of the traced money's latest arrival at the payer (the seed's
   * own payment counts). The trace's edges are in time order, so the latest arrival before an edge
   * is known when the edge is read. A transfer is counted once per account even when it carried
   * several traces' money (keyed by payer, time and amount: two identical transfers in the same
   * millisecond count once, which can only understate the chain).
   */
  private static void chainArrivals(ForwardTrace t, Map<String, Acc> acc, long within) {
    Map<String, Long> lastArrival = new HashMap<>();
    for (ForwardTrace.Edge e : t.edges()) {
      Acc a = acc.get(e.to());
      // a self-transfer is not on the statement; money through a cash-out edge never arrived
      if (a != null
          && !e.from().equals(e.to())
          && !isCashOut(e)
          && e.ts() >= a.from
          && e.ts() <= a.to) {
        Long payerIn = lastArrival.get(e.from());
        boolean onPace = e.hop() == 1 || payerIn == null || e.ts() - payerIn <= within;
        if (onPace && a.chainTransfers.add(new ChainTransfer(e.from(), e.ts(), e.transferFen()))) {
          a.chainIn += e.transferFen();
        }
      }
      lastArrival.merge(e.to(), e.ts(), Math::max);
    }
  }

  private static boolean isCashOut(ForwardTrace.Edge e) {
    return Identifiers.isCashTerminal(e.to())
        || e.channel() == Channel.ATM
        || e.channel() == Channel.CRYPTO_OTC;
  }

  private record ChainTransfer(String from, long ts, long fen) {}

  private static final class Acc {
    final Set<ChainTransfer> chainTransfers = new HashSet<>();
    long chainIn;
    long amount;
    int tier = Integer.MAX_VALUE;
    long lastIn = Long.MIN_VALUE;
    int traces;
    long tracedIn;
    long from = Long.MAX_VALUE;
    long to = Long.MIN_VALUE;
  }
}

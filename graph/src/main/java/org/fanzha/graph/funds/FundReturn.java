package org.fanzha.graph.funds;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fanzha.core.money.Money;

/**
 * Returns recovered money to victims (资金返还, LAW.md 第20条): when only one victim's money can be
 * traced into an account, what was recovered there goes straight back to that victim (up to what
 * was traced); otherwise it is shared pro rata to the traced amounts, cut to the fen by largest
 * remainder, with every step written out so a person can check it.
 */
public final class FundReturn {

  private FundReturn() {}

  /** How an account's recovered money was shared. */
  public enum Method {
    /** One traceable victim: straight back. */
    DIRECT,
    /** Several victims: pro rata to traced amounts. */
    PRO_RATA
  }

  /**
   * A victim's traced money in one account.
   *
   * @param victim who is owed (victim account, phone or case reference)
   * @param tracedFen how much of the victim's money the trace located in the account
   */
  public record Claim(String victim, long tracedFen) {}

  /** What one victim gets back from one account. */
  public record Share(String victim, long tracedFen, long returnFen) {}

  /**
   * The return from one account.
   *
   * @param account where the money was recovered (frozen, then released to victims)
   * @param recoveredFen what was recovered there
   * @param method direct or pro rata
   * @param shares per victim, in victim order
   * @param keptFen recovered money not owed to any traced victim (stays for the court to decide)
   * @param calculation the working, one line per step
   */
  public record AccountReturn(
      String account,
      long recoveredFen,
      Method method,
      List<Share> shares,
      long keptFen,
      List<String> calculation) {
    public AccountReturn {
      shares = List.copyOf(shares);
      calculation = List.copyOf(calculation);
    }
  }

  /**
   * Returns the victims' claims per account from their traces (victim → trace of their payment):
   * each holding of a victim's trace is a claim on that account.
   */
  public static Map<String, List<Claim>> claims(Map<String, ForwardTrace> traceByVictim) {
    Map<String, List<Claim>> out = new TreeMap<>();
    new TreeMap<>(traceByVictim)
        .forEach(
            (victim, trace) -> {
              Map<String, Long> perAccount = new TreeMap<>();
              for (ForwardTrace.Holding h : trace.holdings()) {
                perAccount.merge(h.account(), h.amountFen(), Long::sum);
              }
              perAccount.forEach(
                  (acct, fen) ->
                      out.computeIfAbsent(acct, k -> new ArrayList<>())
                          .add(new Claim(victim, fen)));
            });
    return out;
  }

  /**
   * Returns how {@code recoveredFen} recovered from {@code account} goes back to the claimants. A
   * victim never gets more than was traced; recovered money beyond all claims is kept.
   */
  public static AccountReturn allocate(String account, long recoveredFen, List<Claim> claims) {
    if (recoveredFen < 0) {
      throw new IllegalArgumentException("recovered amount must be >= 0, was " + recoveredFen);
    }
    List<Claim> cs = new ArrayList<>(claims);
    cs.removeIf(c -> c.tracedFen() <= 0);
    cs.sort(Comparator.comparing(Claim::victim));
    List<String> calc = new ArrayList<>();
    long traced = 0;
    for (Claim c : cs) {
      traced = Math.addExact(traced, c.tracedFen());
    }
    long pool = Math.min(recoveredFen, traced);
    calc.add(
        "account "
            + account
            + ": recovered "
            + y(recoveredFen)
            + ", traced victim money "
            + y(traced)
            + " from "
            + cs.size()
            + " victim(s); to return = min(recovered, traced) = "
            + y(pool));
    List<Share> shares = new ArrayList<>();
    if (cs.size() <= 1) {
      if (cs.size() == 1) {
        Claim c = cs.get(0);
        shares.add(new Share(c.victim(), c.tracedFen(), pool));
        calc.add("single traceable victim " + c.victim() + ": straight back " + y(pool));
      }
      calc.add("kept (not traced to a victim): " + y(recoveredFen - pool));
      return new AccountReturn(
          account, recoveredFen, Method.DIRECT, shares, recoveredFen - pool, calc);
    }
    long[] q = new long[cs.size()];
    long[] r = new long[cs.size()];
    long given = 0;
    for (int i = 0; i < cs.size(); i++) {
      java.math.BigInteger[] qr =
          java.math.BigInteger.valueOf(pool)
              .multiply(java.math.BigInteger.valueOf(cs.get(i).tracedFen()))
              .divideAndRemainder(java.math.BigInteger.valueOf(traced));
      q[i] = qr[0].longValueExact();
      r[i] = qr[1].longValueExact();
      given += q[i];
    }
    long left = pool - given;
    boolean[] plusOne = new boolean[cs.size()];
    for (long k = 0; k < left; k++) {
      int best = -1;
      for (int i = 0; i < cs.size(); i++) {
        if (!plusOne[i] && (best < 0 || r[i] > r[best])) {
          best = i;
        }
      }
      plusOne[best] = true;
    }
    for (int i = 0; i < cs.size(); i++) {
      Claim c = cs.get(i);
      long amount = q[i] + (plusOne[i] ? 1 : 0);
      shares.add(new Share(c.victim(), c.tracedFen(), amount));
      calc.add(
          "victim "
              + c.victim()
              + ": "
              + y(pool)
              + " × "
              + y(c.tracedFen())
              + " / "
              + y(traced)
              + " = "
              + y(q[i])
              + (r[i] > 0 ? " (+ remainder " + r[i] + "/" + traced + " fen)" : "")
              + (plusOne[i] ? " + 0.01 (largest remainder)" : "")
              + " → "
              + y(amount));
    }
    calc.add(
        left
            + " fen of rounding went to the largest remainders; total returned "
            + y(pool)
            + "; kept "
            + y(recoveredFen - pool));
    return new AccountReturn(
        account, recoveredFen, Method.PRO_RATA, shares, recoveredFen - pool, calc);
  }

  private static String y(long fen) {
    return Money.formatYuan(fen);
  }
}

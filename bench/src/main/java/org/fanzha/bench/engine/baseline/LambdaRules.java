package org.fanzha.bench.engine.baseline;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.fanzha.engine.features.AccountFeatures;
import org.fanzha.engine.features.HolderFeatures;
import org.fanzha.engine.features.NodeFeatures;
import org.fanzha.engine.features.PhoneFeatures;
import org.fanzha.engine.rules.Conditions;
import org.fanzha.engine.rules.EventView;
import org.fanzha.engine.rules.Rule;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.file.RuleSpec;

/**
 * The shipped rules as the engine ran them before rules became data: one Java lambda per rule over
 * the features flyweight, thresholds read from the book once, the set evaluated by calling each
 * lambda in turn (the former {@code FirstRules}). The baseline the compiled rule files are measured
 * against ({@code EngineBenchmark -p rules=lambdas}); it must score exactly as the shipped rule
 * file does.
 */
public final class LambdaRules {

  private LambdaRules() {}

  /** Returns the shipped book evaluating its conditions with these lambdas. */
  public static RuleBook book() {
    RuleBook b = RuleBook.defaults();
    Map<RuleSpec.Kind, Conditions> c = new EnumMap<>(RuleSpec.Kind.class);
    c.put(RuleSpec.Kind.PHONE, conditions(b, RuleSpec.Kind.PHONE, phone(b)));
    c.put(RuleSpec.Kind.ACCOUNT, conditions(b, RuleSpec.Kind.ACCOUNT, account(b)));
    c.put(RuleSpec.Kind.HOLDER, conditions(b, RuleSpec.Kind.HOLDER, holder(b)));
    c.put(RuleSpec.Kind.DEVICE, conditions(b, RuleSpec.Kind.DEVICE, node(b)));
    return b.withConditions(c);
  }

  @SuppressWarnings("unchecked")
  private static <F> Conditions conditions(
      RuleBook b, RuleSpec.Kind kind, Map<String, Predicate<F>> byCode) {
    List<Rule> rules = b.rules(kind).rules();
    Predicate<F>[] preds = new Predicate[rules.size()];
    for (int i = 0; i < preds.length; i++) {
      preds[i] = byCode.get(rules.get(i).code());
      if (preds[i] == null) {
        throw new IllegalStateException("no lambda for " + rules.get(i).code());
      }
    }
    return (Object f, EventView e) -> {
      F x = (F) f;
      long m = 0;
      for (int i = 0; i < preds.length; i++) {
        if (preds[i].test(x)) {
          m |= 1L << i;
        }
      }
      return m;
    };
  }

  private static int i(RuleBook b, String p) {
    return (int) Math.round(b.param(p));
  }

  private static Map<String, Predicate<PhoneFeatures>> phone(RuleBook b) {
    int minCalls = i(b, "phone.min_calls");
    double lowAnswer = b.param("phone.low_answer_rate");
    double firstShare = b.param("phone.first_contact_share");
    int minDistinct = i(b, "phone.min_distinct");
    double lowCallback = b.param("phone.low_callback_rate");
    double shortShare = b.param("phone.short_share");
    double nightShare = b.param("phone.night_share");
    double newCard = b.param("phone.new_card_days");
    int sharedImei = i(b, "phone.shared_imei");
    int cellCrowd = i(b, "phone.cell_crowd");
    int smsBurst = i(b, "phone.sms_burst");
    double benignAnswer = b.param("phone.benign_answer_rate");
    double benignCallback = b.param("phone.benign_callback_rate");
    double oldCard = b.param("phone.old_card_days");
    Map<String, Predicate<PhoneFeatures>> r = new HashMap<>();
    r.put(
        "PH_LOW_ANSWER",
        (PhoneFeatures x) -> x.outCalls() >= minCalls && x.answerRate() <= lowAnswer);
    r.put(
        "PH_FIRST_CONTACTS",
        (PhoneFeatures x) ->
            x.outCalls() >= minCalls
                && x.estimatedDistinctContacts() >= minDistinct
                && x.firstContactShare() >= firstShare);
    r.put(
        "PH_NO_CALLBACK",
        (PhoneFeatures x) -> x.outCalls() >= minCalls && x.callbackRate() <= lowCallback);
    r.put(
        "PH_SHORT_CALLS",
        (PhoneFeatures x) -> x.outCalls() >= minCalls && x.shortShare() >= shortShare);
    r.put(
        "PH_NIGHT", (PhoneFeatures x) -> x.outCalls() >= minCalls && x.nightShare() >= nightShare);
    r.put(
        "PH_NEW_CARD",
        (PhoneFeatures x) ->
            x.outCalls() >= minCalls && x.cardAgeDays() >= 0 && x.cardAgeDays() < newCard);
    r.put("PH_SHARED_IMEI", (PhoneFeatures x) -> x.imeiPhones() >= sharedImei && x.outCalls() >= 5);
    r.put(
        "PH_CELL_CROWD",
        (PhoneFeatures x) ->
            x.cellPhones() >= cellCrowd && x.outCalls() >= minCalls && x.answerRate() <= lowAnswer);
    r.put("PH_SPOOFED", (PhoneFeatures x) -> x.spoofedCalls() >= 1 && !x.serviceNumber());
    r.put("PH_FRAUD_SMS", (PhoneFeatures x) -> x.smsFraud() >= 1);
    r.put(
        "PH_SMS_BURST",
        (PhoneFeatures x) ->
            x.smsOut() >= smsBurst && x.estimatedDistinctContacts() >= smsBurst / 2);
    r.put("PH_REPORTED", (PhoneFeatures x) -> x.reporters() >= 1);
    r.put("PH_REPORTED_MULTI", (PhoneFeatures x) -> x.reporters() >= 3);
    r.put("PH_VICTIM_LINK", (PhoneFeatures x) -> x.victimLinks() >= 1);
    r.put("PH_VICTIM_LINKS", (PhoneFeatures x) -> x.victimLinks() >= 2);
    r.put("PH_DEALER_CARD", (PhoneFeatures x) -> x.dealerLinked() && x.outCalls() >= 1);
    r.put("PH_LISTED", PhoneFeatures::listed);
    r.put(
        "PH_CALLBACKS",
        (PhoneFeatures x) ->
            x.outCalls() >= minCalls
                && x.answerRate() >= benignAnswer
                && x.callbackRate() >= benignCallback);
    r.put(
        "PH_ESTABLISHED",
        (PhoneFeatures x) ->
            x.cardAgeDays() >= oldCard
                && x.nightShare() < nightShare / 2
                && x.imeiPhones() < sharedImei
                && x.answerRate() > lowAnswer);
    r.put("PH_SERVICE_LINE", PhoneFeatures::serviceNumber);
    r.put("PH_WHITELISTED", PhoneFeatures::whitelisted);
    r.put("VI_CONTACT", (PhoneFeatures x) -> (x.victimStage() & 1) != 0);
    r.put("VI_REMOTE", (PhoneFeatures x) -> (x.victimStage() & 2) != 0);
    r.put("VI_PAID", (PhoneFeatures x) -> (x.victimStage() & 4) != 0);
    return r;
  }

  private static Map<String, Predicate<AccountFeatures>> account(RuleBook b) {
    int fast = i(b, "account.fast_out");
    int fastMany = i(b, "account.fast_out_many");
    double pass = b.param("account.pass_through");
    long passMin = i(b, "account.pass_through_min_yuan");
    int fanIn = i(b, "account.fan_in");
    int fanOut = i(b, "account.fan_out");
    double newDays = b.param("account.new_days");
    int sharedDevice = i(b, "account.shared_device");
    int collectFanIn = i(b, "account.collect_fan_in");
    double collectRatio = b.param("account.collect_ratio");
    Map<String, Predicate<AccountFeatures>> r = new HashMap<>();
    r.put("AC_FAST_IN_OUT", (AccountFeatures x) -> !x.cashTerminal() && x.fastTotal() >= fast);
    r.put(
        "AC_FAST_IN_OUT_MANY",
        (AccountFeatures x) -> !x.cashTerminal() && x.fastTotal() >= fastMany);
    r.put(
        "AC_PASS_THROUGH",
        (AccountFeatures x) ->
            !x.cashTerminal() && x.inYuan() >= passMin && x.passThrough() >= pass);
    r.put(
        "AC_FAN_IN",
        (AccountFeatures x) -> !x.cashTerminal() && x.fanIn() >= fanIn && x.outCount() >= 1);
    r.put(
        "AC_FAN_OUT",
        (AccountFeatures x) -> !x.cashTerminal() && x.fanOut() >= fanOut && x.inCount() >= 1);
    r.put("AC_VICTIM_FUNDS", (AccountFeatures x) -> !x.cashTerminal() && x.victimInflows() >= 1);
    r.put(
        "AC_VICTIM_FUNDS_MANY", (AccountFeatures x) -> !x.cashTerminal() && x.victimInflows() >= 2);
    r.put("AC_FROM_MULE", (AccountFeatures x) -> !x.cashTerminal() && x.muleInflows() >= 1);
    r.put(
        "AC_CASH_OUT",
        (AccountFeatures x) ->
            !x.cashTerminal()
                && x.cashOut() >= 1
                && (x.fastOut() >= 1 || x.victimInflows() + x.muleInflows() >= 1));
    r.put(
        "AC_NEW_ACCOUNT",
        (AccountFeatures x) ->
            !x.cashTerminal() && x.ageDays() >= 0 && x.ageDays() < newDays && x.fastOut() >= 1);
    r.put(
        "AC_NIGHT",
        (AccountFeatures x) -> !x.cashTerminal() && x.nightOut() >= 2 && x.fastOut() >= 1);
    r.put(
        "AC_SHARED_DEVICE",
        (AccountFeatures x) -> Math.max(x.deviceAccounts(), x.ipAccounts()) >= sharedDevice);
    r.put("AC_REPORTED", (AccountFeatures x) -> x.reporters() >= 1);
    r.put("AC_REPORTED_MULTI", (AccountFeatures x) -> x.reporters() >= 3);
    r.put("AC_DEALER_OPENED", (AccountFeatures x) -> x.dealerLinked());
    r.put("AC_LISTED", AccountFeatures::listed);
    r.put("AC_WHITELISTED", AccountFeatures::whitelisted);
    r.put(
        "AC_COLLECTION",
        (AccountFeatures x) ->
            !x.cashTerminal()
                && x.fanIn() >= collectFanIn
                && x.inCount() >= collectRatio * Math.max(1, x.outCount())
                && (x.victimInflows() + x.muleInflows()) * 5 <= x.fanIn()
                && x.reporters() == 0
                && !x.listed()
                && Math.max(x.deviceAccounts(), x.ipAccounts()) < sharedDevice);
    r.put(
        "AC_KNOWN_PAYEES",
        (AccountFeatures x) ->
            !x.cashTerminal()
                && x.outCount() >= 1
                && x.newPayees() == 0
                && x.victimInflows() == 0
                && x.reporters() == 0
                && !x.listed()
                && !x.dealerLinked());
    r.put(
        "AC_UNLINKED",
        (AccountFeatures x) ->
            !x.cashTerminal()
                && x.victimInflows() == 0
                && x.muleInflows() == 0
                && x.reporters() == 0
                && !x.listed()
                && !x.dealerLinked()
                && !(x.ageDays() >= 0 && x.ageDays() < newDays)
                && Math.max(x.deviceAccounts(), x.ipAccounts()) < sharedDevice);
    return r;
  }

  private static Map<String, Predicate<HolderFeatures>> holder(RuleBook b) {
    int sims = i(b, "holder.many_sims");
    int accounts = i(b, "holder.many_accounts");
    int agents = i(b, "holder.many_agents");
    int regions = i(b, "holder.many_regions");
    int shared = i(b, "holder.shared_opening");
    Map<String, Predicate<HolderFeatures>> r = new HashMap<>();
    r.put("HO_MANY_SIMS", (HolderFeatures x) -> x.sims30() >= sims);
    r.put("HO_MANY_ACCOUNTS", (HolderFeatures x) -> x.accounts30() >= accounts);
    r.put(
        "HO_MANY_AGENTS",
        (HolderFeatures x) -> x.agents() >= agents && x.sims30() + x.accounts30() >= agents);
    r.put(
        "HO_MANY_REGIONS",
        (HolderFeatures x) -> x.regions() >= regions && x.sims30() + x.accounts30() >= regions);
    r.put("HO_SHARED_OPENING", (HolderFeatures x) -> x.sharedOpening() >= shared);
    r.put("HO_FRAUD_LINKED", (HolderFeatures x) -> x.fraudLinked() >= 1);
    r.put("HO_FRAUD_LINKED_MANY", (HolderFeatures x) -> x.fraudLinked() >= 2);
    r.put("HO_LISTED", HolderFeatures::listed);
    r.put("HO_WHITELISTED", HolderFeatures::whitelisted);
    return r;
  }

  private static Map<String, Predicate<NodeFeatures>> node(RuleBook b) {
    int holders = i(b, "node.many_holders");
    int phones = i(b, "node.many_phones");
    int accounts = i(b, "node.many_accounts");
    Map<String, Predicate<NodeFeatures>> r = new HashMap<>();
    r.put("DV_MANY_HOLDERS", (NodeFeatures x) -> x.holders() >= holders);
    r.put("DV_MANY_PHONES", (NodeFeatures x) -> x.phones() >= phones);
    r.put("DV_MANY_ACCOUNTS", (NodeFeatures x) -> x.accounts() >= accounts);
    r.put("DV_DEALER_USED", NodeFeatures::dealerUsed);
    r.put("DV_LISTED", NodeFeatures::listed);
    return r;
  }
}

package org.fanzha.engine.rules;

import java.util.ArrayList;
import java.util.List;
import org.fanzha.core.event.Role;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.features.AccountFeatures;
import org.fanzha.engine.features.HolderFeatures;
import org.fanzha.engine.features.NodeFeatures;
import org.fanzha.engine.features.PhoneFeatures;
import org.jspecify.annotations.Nullable;

/**
 * The first rule set, covering the signals LAW.md lists for operators (SIM farms, robo-calling,
 * new cards, shared handsets), banks (快进快出, fan-in/fan-out, victim money, cash-out), card
 * dealers (一证多卡, batch opening) and shared devices. Thresholds and weights come from {@link
 * EngineConfig}; the conditions are here, one line each, so every rule can be read at a glance.
 *
 * <p>Benign heavy callers (couriers, call centres) call many numbers too; what tells them apart
 * is that people answer and call back, the card is old and the calls are in the day — so volume
 * alone fires nothing, and two mitigating rules pull such profiles down.
 */
public final class FirstRules {

  private FirstRules() {}

  /** Returns the rules for phone numbers (fraud numbers, and victims' phones). */
  public static RuleSet<PhoneFeatures> phone(EngineConfig c) {
    int minCalls = c.integer("phone.min_calls");
    double lowAnswer = c.num("phone.low_answer_rate");
    double firstShare = c.num("phone.first_contact_share");
    int minDistinct = c.integer("phone.min_distinct");
    double lowCallback = c.num("phone.low_callback_rate");
    double shortShare = c.num("phone.short_share");
    double nightShare = c.num("phone.night_share");
    double newCard = c.num("phone.new_card_days");
    int sharedImei = c.integer("phone.shared_imei");
    int cellCrowd = c.integer("phone.cell_crowd");
    int smsBurst = c.integer("phone.sms_burst");
    double benignAnswer = c.num("phone.benign_answer_rate");
    double benignCallback = c.num("phone.benign_callback_rate");
    double oldCard = c.num("phone.old_card_days");
    Role f = Role.FRAUD_NUMBER;
    Role v = Role.VICTIM;
    List<Rule<PhoneFeatures>> r = new ArrayList<>();
    add(r, c, "PH_LOW_ANSWER", f, "大量外呼且接通率低", "Many outgoing calls, few answered",
        x -> x.outCalls() >= minCalls && x.answerRate() <= lowAnswer);
    add(r, c, "PH_FIRST_CONTACTS", f, "主叫号码多为首次联系的陌生号码",
        "Calls go mostly to numbers never contacted before",
        x -> x.outCalls() >= minCalls && x.estimatedDistinctContacts() >= minDistinct
            && x.firstContactShare() >= firstShare);
    add(r, c, "PH_NO_CALLBACK", f, "被叫方几乎从不回拨", "Almost nobody calls back",
        x -> x.outCalls() >= minCalls && x.callbackRate() <= lowCallback);
    add(r, c, "PH_SHORT_CALLS", f, "接通后通话多为短时挂断", "Answered calls are mostly hung up quickly",
        x -> x.outCalls() >= minCalls && x.shortShare() >= shortShare);
    add(r, c, "PH_NIGHT", f, "夜间外呼占比高", "A high share of calls at night",
        x -> x.outCalls() >= minCalls && x.nightShare() >= nightShare);
    add(r, c, "PH_NEW_CARD", f, "新入网号码即大量外呼", "A newly opened card calling heavily",
        x -> x.outCalls() >= minCalls && x.cardAgeDays() >= 0 && x.cardAgeDays() < newCard);
    add(r, c, "PH_SHARED_IMEI", f, "同一终端(IMEI)出现多个号码，疑似猫池/GOIP",
        "Several numbers on one handset (IMEI): a possible SIM bank / GOIP",
        x -> x.imeiPhones() >= sharedImei && x.outCalls() >= 5);
    add(r, c, "PH_CELL_CROWD", f, "同一基站下大量号码集中外呼", "Many numbers calling from one cell",
        x -> x.cellPhones() >= cellCrowd && x.outCalls() >= minCalls && x.answerRate() <= lowAnswer);
    add(r, c, "PH_SPOOFED", f, "来电显示号码被篡改(改号)", "Calls displayed a number other than the caller's (spoofing)",
        x -> x.spoofedCalls() >= 1 && !x.serviceNumber());
    add(r, c, "PH_FRAUD_SMS", f, "发送涉诈内容短信", "Sent text messages judged fraudulent",
        x -> x.smsFraud() >= 1);
    add(r, c, "PH_SMS_BURST", f, "短时间内向大量号码群发短信", "Bulk SMS to many numbers",
        x -> x.smsOut() >= smsBurst && x.estimatedDistinctContacts() >= smsBurst / 2);
    add(r, c, "PH_REPORTED", f, "被群众举报", "Reported by the public",
        x -> x.reporters() >= 1);
    add(r, c, "PH_REPORTED_MULTI", f, "被多名群众独立举报", "Reported by several people independently",
        x -> x.reporters() >= 3);
    add(r, c, "PH_VICTIM_LINK", f, "与一名疑似受害人被骗转账直接关联", "Linked to a suspected victim's loss",
        x -> x.victimLinks() >= 1);
    add(r, c, "PH_VICTIM_LINKS", f, "与多名疑似受害人被骗转账关联", "Linked to several suspected victims' losses",
        x -> x.victimLinks() >= 2);
    add(r, c, "PH_DEALER_CARD", f, "号码由疑似贩卡人员开办", "Card opened by a suspected card dealer",
        x -> x.dealerLinked() && x.outCalls() >= 1);
    add(r, c, "PH_LISTED", f, "号码在涉诈黑名单中", "Number is on the fraud black list",
        PhoneFeatures::listed);
    add(r, c, "PH_CALLBACKS", null, "接通率高且常被回拨，符合正常业务特征",
        "Calls are answered and returned, as in legitimate business",
        x -> x.outCalls() >= minCalls && x.answerRate() >= benignAnswer
            && x.callbackRate() >= benignCallback);
    add(r, c, "PH_ESTABLISHED", null, "长期在网且外呼集中在白天", "A long-held card calling in daytime",
        // a long-held card nobody answers is no comfort: hook numbers bought on the side are old cards
        x -> x.cardAgeDays() >= oldCard && x.nightShare() < nightShare / 2 && x.imeiPhones() < sharedImei
            && x.answerRate() > lowAnswer);
    add(r, c, "PH_SERVICE_LINE", null, "登记在册的服务号码(如银行客服)", "A registered service number (e.g. a bank's line)",
        PhoneFeatures::serviceNumber);
    add(r, c, "PH_WHITELISTED", null, "经核实为正常号码", "Verified as a normal number",
        PhoneFeatures::whitelisted);
    add(r, c, "VI_CONTACT", v, "近期接到疑似诈骗来电或短信，可能正在被骗",
        "Recently contacted by a suspected fraud number: may be being defrauded",
        x -> (x.victimStage() & 1) != 0);
    add(r, c, "VI_REMOTE", v, "疑似诈骗联系后开启屏幕共享或远程控制",
        "Screen sharing or remote control after a suspected fraud contact",
        x -> (x.victimStage() & 2) != 0);
    add(r, c, "VI_PAID", v, "疑似诈骗联系后向可疑账户转账", "Paid a suspicious account after a suspected fraud contact",
        x -> (x.victimStage() & 4) != 0);
    return new RuleSet<>(r, c.integer("role.min_score"));
  }

  /** Returns the rules for accounts (mules). */
  public static RuleSet<AccountFeatures> account(EngineConfig c) {
    int fast = c.integer("account.fast_out");
    int fastMany = c.integer("account.fast_out_many");
    double pass = c.num("account.pass_through");
    long passMin = c.integer("account.pass_through_min_yuan");
    int fanIn = c.integer("account.fan_in");
    int fanOut = c.integer("account.fan_out");
    double newDays = c.num("account.new_days");
    int sharedDevice = c.integer("account.shared_device");
    int collectFanIn = c.integer("account.collect_fan_in");
    double collectRatio = c.num("account.collect_ratio");
    Role m = Role.MULE;
    List<Rule<AccountFeatures>> r = new ArrayList<>();
    add(r, c, "AC_FAST_IN_OUT", m, "资金快进快出：入账后数分钟内转出", "Money passed straight on minutes after it came in",
        x -> !x.cashTerminal() && x.fastTotal() >= fast);
    add(r, c, "AC_FAST_IN_OUT_MANY", m, "多次快进快出", "Money passed straight on repeatedly",
        x -> !x.cashTerminal() && x.fastTotal() >= fastMany);
    add(r, c, "AC_PASS_THROUGH", m, "当日转入资金几乎全部转出", "Nearly everything received today was sent on",
        x -> !x.cashTerminal() && x.inYuan() >= passMin && x.passThrough() >= pass);
    add(r, c, "AC_FAN_IN", m, "集中转入：短时间内多个账户转入", "Many different payers in a short time",
        x -> !x.cashTerminal() && x.fanIn() >= fanIn && x.outCount() >= 1);
    add(r, c, "AC_FAN_OUT", m, "分散转出：短时间内转给多个账户", "Paid many different accounts in a short time",
        x -> !x.cashTerminal() && x.fanOut() >= fanOut && x.inCount() >= 1);
    add(r, c, "AC_VICTIM_FUNDS", m, "收到疑似受害人的被骗资金", "Received money from a suspected victim",
        x -> !x.cashTerminal() && x.victimInflows() >= 1);
    add(r, c, "AC_VICTIM_FUNDS_MANY", m, "收到多名疑似受害人的资金", "Received money from several suspected victims",
        x -> !x.cashTerminal() && x.victimInflows() >= 2);
    add(r, c, "AC_FROM_MULE", m, "收到疑似涉诈账户刚转入即转出的资金", "Received money a suspected mule had just been paid",
        x -> !x.cashTerminal() && x.muleInflows() >= 1);
    add(r, c, "AC_CASH_OUT", m, "入账后迅速取现或换币", "Cash or crypto withdrawal soon after money came in",
        x -> !x.cashTerminal() && x.cashOut() >= 1
            && (x.fastOut() >= 1 || x.victimInflows() + x.muleInflows() >= 1));
    add(r, c, "AC_NEW_ACCOUNT", m, "新开账户即有大额进出", "A new account with money moving through it",
        x -> !x.cashTerminal() && x.ageDays() >= 0 && x.ageDays() < newDays && x.fastOut() >= 1);
    add(r, c, "AC_NIGHT", m, "夜间频繁转出", "Frequent transfers at night",
        x -> !x.cashTerminal() && x.nightOut() >= 2 && x.fastOut() >= 1);
    add(r, c, "AC_SHARED_DEVICE", m, "同一设备或IP操作多个账户", "One device or IP operates many accounts",
        x -> Math.max(x.deviceAccounts(), x.ipAccounts()) >= sharedDevice);
    add(r, c, "AC_REPORTED", m, "被群众举报", "Reported by the public",
        x -> x.reporters() >= 1);
    add(r, c, "AC_REPORTED_MULTI", m, "被多名群众独立举报", "Reported by several people independently",
        x -> x.reporters() >= 3);
    add(r, c, "AC_DEALER_OPENED", m, "账户由疑似贩卡人员开办", "Account opened by a suspected card dealer",
        x -> x.dealerLinked());
    add(r, c, "AC_LISTED", m, "账户在涉诈黑名单中", "Account is on the fraud black list",
        AccountFeatures::listed);
    add(r, c, "AC_WHITELISTED", null, "经核实为正常账户", "Verified as a normal account",
        AccountFeatures::whitelisted);
    // Honest pass-through looks like 快进快出: payroll agencies, shops settling the day's takings,
    // parents forwarding money, traders paying suppliers. Money moving fast is therefore not enough
    // for a high score on its own; it needs a link to fraud (victim or mule money, a report, a
    // dealer-opened or brand-new account, a device shared by many accounts). Shops and traders also
    // gather many people's small payments into a few sums, where a mule passes each sum on as it
    // comes. One stray payment among many from a suspected mule (a rented card's owner shopping) or a
    // suspected victim (someone on a long call with a scammer buying groceries) does not undo that;
    // several do (AC_VICTIM_FUNDS_MANY stays strong).
    add(r, c, "AC_COLLECTION", null, "大量付款人的小额收款后集中转出，符合商户收款结算特征",
        "Many payers' small payments gathered and sent on in a few sums, as a shop settles its takings",
        x -> !x.cashTerminal() && x.fanIn() >= collectFanIn && x.inCount() >= collectRatio * Math.max(1, x.outCount())
            && (x.victimInflows() + x.muleInflows()) * 5 <= x.fanIn() && x.reporters() == 0 && !x.listed()
            && Math.max(x.deviceAccounts(), x.ipAccounts()) < sharedDevice);
    // A shop owner's card, a family member, the same staff each payday: honest money goes on to
    // accounts it went to before, where a mule's payees change with every batch. Stray tainted
    // inflows (see above) do not undo this; victim money or a report does.
    add(r, c, "AC_KNOWN_PAYEES", null, "资金转给以往常付的账户，符合正常结算或家庭往来",
        "Money goes on only to accounts it was paid to before, as settlements and family transfers do",
        x -> !x.cashTerminal() && x.outCount() >= 1 && x.newPayees() == 0 && x.victimInflows() == 0
            && x.reporters() == 0 && !x.listed() && !x.dealerLinked());
    add(r, c, "AC_UNLINKED", null, "资金往来快但未见与涉诈资金、举报、贩卡或共用设备的关联",
        "Money moves fast, but nothing links it to victims, mules, reports, card dealers or shared devices",
        x -> !x.cashTerminal() && unlinked(x, sharedDevice, newDays));
    return new RuleSet<>(r, c.integer("role.min_score"));
  }

  /** Returns whether nothing ties an account to fraud money, reports, a dealer or a gang's devices. */
  private static boolean unlinked(AccountFeatures x, int sharedDevice, double newDays) {
    return x.victimInflows() == 0 && x.muleInflows() == 0 && x.reporters() == 0 && !x.listed()
        && !x.dealerLinked() && !(x.ageDays() >= 0 && x.ageDays() < newDays)
        && Math.max(x.deviceAccounts(), x.ipAccounts()) < sharedDevice;
  }

  /** Returns the rules for holders (card dealers). */
  public static RuleSet<HolderFeatures> holder(EngineConfig c) {
    int sims = c.integer("holder.many_sims");
    int accounts = c.integer("holder.many_accounts");
    int agents = c.integer("holder.many_agents");
    int regions = c.integer("holder.many_regions");
    int shared = c.integer("holder.shared_opening");
    Role d = Role.CARD_DEALER;
    List<Rule<HolderFeatures>> r = new ArrayList<>();
    add(r, c, "HO_MANY_SIMS", d, "一证多卡：短期内开办多张电话卡", "Many phone cards opened in a short time",
        x -> x.sims30() >= sims);
    add(r, c, "HO_MANY_ACCOUNTS", d, "短期内开办多个银行或支付账户", "Many bank or payment accounts opened in a short time",
        x -> x.accounts30() >= accounts);
    add(r, c, "HO_MANY_AGENTS", d, "在多个营业网点或代理处开户", "Openings at many branches or agents",
        x -> x.agents() >= agents && x.sims30() + x.accounts30() >= agents);
    add(r, c, "HO_MANY_REGIONS", d, "跨多个地区开户", "Openings in many regions",
        x -> x.regions() >= regions && x.sims30() + x.accounts30() >= regions);
    add(r, c, "HO_SHARED_OPENING", d, "与多人共用同一设备或IP开户，疑似批量开户",
        "Opened through a device or IP shared by many holders: batch opening",
        x -> x.sharedOpening() >= shared);
    add(r, c, "HO_FRAUD_LINKED", d, "名下号码或账户涉诈", "A card or account in this name is used for fraud",
        x -> x.fraudLinked() >= 1);
    add(r, c, "HO_FRAUD_LINKED_MANY", d, "名下多个号码或账户涉诈", "Several cards or accounts in this name are used for fraud",
        x -> x.fraudLinked() >= 2);
    add(r, c, "HO_LISTED", d, "在涉诈惩戒名单中", "On the fraud sanction list",
        HolderFeatures::listed);
    add(r, c, "HO_WHITELISTED", null, "经核实为正常用户", "Verified as a normal person",
        HolderFeatures::whitelisted);
    return new RuleSet<>(r, c.integer("role.min_score"));
  }

  /** Returns the rules for devices and IPs. */
  public static RuleSet<NodeFeatures> node(EngineConfig c) {
    int holders = c.integer("node.many_holders");
    int phones = c.integer("node.many_phones");
    int accounts = c.integer("node.many_accounts");
    List<Rule<NodeFeatures>> r = new ArrayList<>();
    add(r, c, "DV_MANY_HOLDERS", Role.CARD_DEALER, "多人通过同一设备或IP开户", "Many people opened cards or accounts here",
        x -> x.holders() >= holders);
    add(r, c, "DV_MANY_PHONES", Role.FRAUD_NUMBER, "同一终端使用多个号码，疑似猫池/GOIP",
        "Many numbers used in one handset: a possible SIM bank / GOIP",
        x -> x.phones() >= phones);
    add(r, c, "DV_MANY_ACCOUNTS", Role.MULE, "同一设备或IP操作多个账户", "Many accounts operated from here",
        x -> x.accounts() >= accounts);
    add(r, c, "DV_DEALER_USED", Role.CARD_DEALER, "疑似贩卡人员使用过的开户设备或IP",
        "Used by a suspected card dealer to open cards or accounts",
        NodeFeatures::dealerUsed);
    add(r, c, "DV_LISTED", null, "在涉诈黑名单中", "On the fraud black list",
        NodeFeatures::listed);
    return new RuleSet<>(r, c.integer("role.min_score"));
  }

  private static <F> void add(List<Rule<F>> rules, EngineConfig c, String code, @Nullable Role role,
      String zh, String en, Condition<F> when) {
    rules.add(new Rule<>(code, new Reason(code, zh, en), c.weight(code), role, when));
  }
}

package org.fanzha.engine;

import static org.fanzha.core.time.Millis.HOUR;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import org.fanzha.core.content.ContentClassifier;
import org.fanzha.core.content.ContentVerdict;
import org.fanzha.core.event.CallEvent;
import org.fanzha.core.event.DeviceEvent;
import org.fanzha.core.event.DeviceSignal;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.Event;
import org.fanzha.core.event.EventType;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.LabelEvent;
import org.fanzha.core.event.OpeningEvent;
import org.fanzha.core.event.ReportEvent;
import org.fanzha.core.event.ReportTarget;
import org.fanzha.core.event.Role;
import org.fanzha.core.event.SmsEvent;
import org.fanzha.core.event.TransferEvent;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.correlation.VictimWatch;
import org.fanzha.engine.features.AccountFeatures;
import org.fanzha.engine.features.AccountTable;
import org.fanzha.engine.features.CellTable;
import org.fanzha.engine.features.FeatureTable;
import org.fanzha.engine.features.HolderFeatures;
import org.fanzha.engine.features.HolderTable;
import org.fanzha.engine.features.NodeFeatures;
import org.fanzha.engine.features.NodeTable;
import org.fanzha.engine.features.PairMemory;
import org.fanzha.engine.features.PhoneFeatures;
import org.fanzha.engine.features.PhoneTable;
import org.fanzha.engine.lists.RiskLists;
import org.fanzha.engine.rules.EngineParams;
import org.fanzha.engine.rules.EventView;
import org.fanzha.engine.rules.RuleBook;
import org.fanzha.engine.rules.RuleCodes;
import org.fanzha.engine.rules.RuleSet;
import org.fanzha.engine.rules.file.RuleSpec;
import org.fanzha.engine.rules.Verdict;
import org.jspecify.annotations.Nullable;

/**
 * The detection engine: takes one event at a time, updates per-entity features, runs the rules,
 * propagates risk along links and returns a {@link Decision}. Runner-agnostic plain Java: time is
 * the events' own timestamps, state is explicit and serialisable ({@link #writeSnapshot}).
 *
 * <p>Single-threaded: the caller serialises calls. Idempotency (the same event id twice) is the
 * caller's duty, as the caller owns the journal of accepted events.
 */
public final class Engine {
  /*
   * Per event: intern the identifiers it names (one hash look-up each), add to the entities' time
   * buckets, ask the pair filter whether this contact is new, then evaluate the rules of each
   * entity whose features changed. Evaluation fills a reusable feature view and runs the rule set
   * (a handful of comparisons); nothing is allocated unless a decision has reasons, and those lists
   * are cached per reason mask.
   *
   * Propagation follows the links the law names: a phone or account judged a fraud number or mule
   * counts against the holder who opened it; a holder judged a card dealer marks every card and
   * account it opened (and the device and IP it opened them from), which then carry that evidence;
   * a suspected mule that passes money on within minutes taints the receiver; a victim's payment
   * taints the payee and links the fraud number that called the victim. Each link is followed once
   * (flags and the pair filter remember it), so a cascade is bounded by the entities it reaches.
   */

  private static final int PAIR_CALL = 1;
  private static final int PAIR_PAY = 2;
  private static final int PAIR_REPORT = 3;
  private static final int PAIR_VICTIM_PAY = 4;
  private static final int PAIR_VICTIM_LINK = 5;
  private static final int PAIR_MULE_PAY = 6;
  private static final int SNAPSHOT_MAGIC = 0x465A_454E; // "FZEN"
  /** 6: episodes' payments and lure types; 5: episode ids; 4: rule codes of the lasting mask bits. */
  private static final int SNAPSHOT_VERSION = 6;
  /** The oldest snapshot still read: the victim watch of 4 and 5 is read with defaults for what they lack. */
  private static final int OLDEST_READABLE = 4;

  private final EngineConfig config;
  private final PhoneTable phones;
  private final AccountTable accounts;
  private final HolderTable holders;
  private final NodeTable devices;
  private final NodeTable ips;
  private final CellTable cells;
  private final PairMemory pairs;
  private final RiskLists lists;
  private final VictimWatch victims;
  private final @Nullable ContentClassifier classifier;
  private final RuleCodes codes;
  /** How often each lasting rule bit fired, per kind (PHONE, ACCOUNT, HOLDER, DEVICE): for back-tests, shadows, metrics. */
  private final long[][] ruleHits = new long[RuleSpec.Kind.values().length][64];

  // the rule book in force and what is read from it; replaced together between two events (useRules)
  private RuleBook book;
  private RuleSet phoneRules;
  private RuleSet accountRules;
  private RuleSet holderRules;
  private RuleSet nodeRules;
  private long[] phoneBits;
  private long[] accountBits;
  private long[] holderBits;
  private long[] nodeBits;

  private final PhoneFeatures pf = new PhoneFeatures();
  private final AccountFeatures af = new AccountFeatures();
  private final HolderFeatures hf = new HolderFeatures();
  private final NodeFeatures nf = new NodeFeatures();
  private final Verdict verdict = new Verdict();
  private final EventView ev = new EventView();

  // the rule book's engine params (EngineParams), copied into fields for the per-event path
  private int nightStart;
  private int nightEnd;
  private int shortS;
  private int longS;
  private int victimLongS;
  private long victimWindowMs;
  private long linkWindowMs;
  private long victimMinYuan;
  private int fastSec;
  private double fastShare;
  private int suspect;
  private int propagate;
  private double contentMin;
  private double youngPayeeDays;
  private long quietLargeYuan;
  private int highCallScore;
  private long recentCallMs;
  private int reportedTargetHigh;
  private long taintMs;
  private int deviceEvalMinPhones;

  // the best party of the event being processed
  private int bestScore;
  private @Nullable EntityKind bestKind;
  private int bestId;
  private long bestMask;
  private Action bestAction = Action.ALLOW;
  private @Nullable EntityKind primaryKind;
  private int primaryId;
  private String primaryName = "";
  private @Nullable EntityKind otherKind;
  private int otherId;
  private String otherName = "";
  private EventType currentType = EventType.CALL;
  private String currentEventId = "";

  private final long[] eventsByType = new long[EventType.values().length];
  private final long[] decisionsByLevel = new long[Level.values().length];
  private long processed;
  private long clock;

  /** Creates an engine with empty state. */
  public Engine(EngineConfig config) {
    this(config, PairMemory.create(config.pairsLog2Bits()), new RiskLists(), new PhoneTable(1 << 12),
        new AccountTable(1 << 12), new HolderTable(1 << 10), new NodeTable(1 << 10), new NodeTable(1 << 10),
        new CellTable(1 << 10), new RuleCodes());
  }

  private Engine(EngineConfig config, PairMemory pairs, RiskLists lists, PhoneTable phones, AccountTable accounts,
      HolderTable holders, NodeTable devices, NodeTable ips, CellTable cells, RuleCodes codes) {
    this.config = config;
    this.phones = phones;
    this.accounts = accounts;
    this.holders = holders;
    this.devices = devices;
    this.ips = ips;
    this.cells = cells;
    this.pairs = pairs;
    this.lists = lists;
    this.classifier = config.contentClassifier();
    this.codes = codes;
    this.victims = new VictimWatch(0, phones::name);
    this.book = config.rules();
    useRules(config.rules());
  }

  /**
   * Scores every later event with {@code next}: its rules, weights and thresholds. State is kept
   * (features are features whatever the rules); an entity's stored risk is the one its last event
   * gave until its next event re-scores it. Call between two events, from the thread that feeds them.
   *
   * @throws IllegalArgumentException when the book would need more rule codes than the engine can
   *     tell apart (see {@link RuleCodes}); the rules in force are then unchanged
   */
  public void useRules(RuleBook next) {
    Map<RuleSpec.Kind, long[]> bits = codes.adopt(next);
    EngineParams p = new EngineParams(next);
    book = next;
    phoneRules = next.rules(RuleSpec.Kind.PHONE);
    accountRules = next.rules(RuleSpec.Kind.ACCOUNT);
    holderRules = next.rules(RuleSpec.Kind.HOLDER);
    nodeRules = next.rules(RuleSpec.Kind.DEVICE);
    phoneBits = bits.get(RuleSpec.Kind.PHONE);
    accountBits = bits.get(RuleSpec.Kind.ACCOUNT);
    holderBits = bits.get(RuleSpec.Kind.HOLDER);
    nodeBits = bits.get(RuleSpec.Kind.DEVICE);
    nightStart = p.nightStart;
    nightEnd = p.nightEnd;
    shortS = p.shortS;
    longS = p.longS;
    victimLongS = p.victimLongS;
    victimWindowMs = p.victimWindowMs;
    linkWindowMs = p.linkWindowMs;
    victimMinYuan = p.victimMinYuan;
    fastSec = p.fastSec;
    fastShare = p.fastShare;
    suspect = p.suspect;
    propagate = p.propagate;
    contentMin = p.contentMin;
    youngPayeeDays = p.youngPayeeDays;
    quietLargeYuan = p.quietLargeYuan;
    highCallScore = p.highCallScore;
    recentCallMs = p.recentCallMs;
    reportedTargetHigh = p.reportedTargetHigh;
    taintMs = p.taintMs;
    deviceEvalMinPhones = p.deviceEvalMinPhones;
    victims.window(victimWindowMs);
  }

  /** Returns the rule book in force. */
  public RuleBook rules() {
    return book;
  }

  /** Returns the configuration this engine was created with (its rule book may have been replaced since). */
  public EngineConfig config() {
    return config;
  }

  /** Returns the risk lists (black, white, reported targets) this engine consults. */
  public RiskLists lists() {
    return lists;
  }

  /**
   * Updates the state with one event and returns the decision about its riskiest party ({@link
   * Decision#isNone()} when nothing was found). Never throws on a valid event.
   */
  public Decision process(Event event) {
    long ts = event.ts();
    clock = Math.max(clock, ts);
    currentType = event.type();
    currentEventId = event.id();
    ev.set(event);
    eventsByType[currentType.ordinal()]++;
    bestScore = 0;
    bestKind = null;
    bestMask = 0;
    bestAction = Action.ALLOW;
    primaryKind = null;
    otherKind = null;
    if (event instanceof CallEvent c) {
      call(c);
    } else if (event instanceof TransferEvent t) {
      transfer(t);
    } else if (event instanceof SmsEvent s) {
      sms(s);
    } else if (event instanceof OpeningEvent o) {
      opening(o);
    } else if (event instanceof DeviceEvent d) {
      device(d);
    } else if (event instanceof ReportEvent r) {
      report(r);
    } else if (event instanceof LabelEvent l) {
      label(l);
    }
    if ((++processed & 0xFFFF) == 0) {
      victims.expire(clock, phones::longCallTs, phones::fraudContactTs);
    }
    return decision(event.id());
  }

  // ---------------------------------------------------------------- calls and messages

  private void call(CallEvent c) {
    long ts = c.ts();
    int p = phones.intern(c.caller());
    int q = phones.intern(c.callee());
    primary(EntityKind.PHONE, p, c.caller());
    party(EntityKind.PHONE, q, c.callee());
    int dur = c.durationS();
    int slot = phones.slot(p, ts);
    phones.add(p, slot, PhoneTable.OUT);
    if (dur > 0) {
      phones.add(p, slot, PhoneTable.ANSWERED);
      if (dur < shortS) {
        phones.add(p, slot, PhoneTable.SHORT);
      } else if (dur >= longS) {
        phones.add(p, slot, PhoneTable.LONG);
      }
    }
    if (night(ts)) {
      phones.add(p, slot, PhoneTable.NIGHT);
    }
    boolean seen = pairs.testAndSet(PAIR_CALL, p, q);
    if (!seen) {
      phones.add(p, slot, PhoneTable.FIRST_CONTACT);
    }
    phones.addContact(p, ts, q);
    if (pairs.mightContain(PAIR_CALL, q, p)) {
      phones.add(q, phones.slot(q, ts), PhoneTable.CALLBACK); // q called p before: p is calling back
    }
    int imei = -1;
    int cell = -1;
    if (c.callerImei() != null) {
      imei = devices.intern(c.callerImei());
      devices.usedByPhone(imei, ts, p);
    }
    if (c.cell() != null) {
      cell = cells.intern(c.cell());
      cells.usedByPhone(cell, ts, p);
    }
    phones.usedDevice(p, imei, cell);
    if (c.displayed() != null && !c.displayed().equals(c.caller())) {
      phones.spoofed(p);
    }
    int callerScore = evalPhone(p, ts);
    if (imei >= 0 && devices.phones(imei, ts) >= deviceEvalMinPhones) {
      evalNode(devices, EntityKind.DEVICE, imei, ts);
    }
    if (dur >= victimLongS && !seen && !pairs.mightContain(PAIR_CALL, q, p)) {
      phones.longCallFrom(q, p, ts);
      victims.rememberLongCall(q, c.id());
      int held = Math.max(callerScore, phones.score(p));
      if (held >= propagate && phones.hasRole(p, Role.FRAUD_NUMBER)) {
        // a strongly suspected number on a long call: the callee's payments now count as victim money
        phones.setFlags(q, PhoneTable.FLAG_EPISODE);
        victims.step(q, c.callee(), null, VictimWatch.CONTACT, held >= highCallScore ? Level.HIGH : Level.MEDIUM,
            p, episodeType(q, p, -1, displayedType(c)), ts, c.id());
        evalPhone(q, ts);
      }
    }
  }

  private void sms(SmsEvent s) {
    long ts = s.ts();
    int p = phones.intern(s.sender());
    int q = phones.intern(s.receiver());
    primary(EntityKind.PHONE, p, s.sender());
    party(EntityKind.PHONE, q, s.receiver());
    int slot = phones.slot(p, ts);
    phones.add(p, slot, PhoneTable.SMS_OUT);
    phones.addContact(p, ts, q);
    if (classifier != null) {
      ContentVerdict v = classifier.classify(s.text());
      if (v.isFraud() && v.score() >= contentMin) {
        phones.add(p, slot, PhoneTable.SMS_FRAUD);
        phones.fraudType(p, v.fraudType().ordinal() + 1);
        phones.fraudContact(q, ts);
        victims.rememberLure(q, v.fraudType().ordinal() + 1);
      }
    }
    evalPhone(p, ts);
  }

  // ---------------------------------------------------------------- money

  private void transfer(TransferEvent t) {
    long ts = t.ts();
    int a = accounts.intern(t.from());
    int b = accounts.intern(t.to());
    primary(EntityKind.ACCOUNT, b, t.to());
    party(EntityKind.ACCOUNT, a, t.from());
    long yuan = Math.max(1, t.amountFen() / 100);
    if (t.to().startsWith("cash:")) {
      accounts.setFlags(b, AccountTable.FLAG_CASH);
    }
    int sa = accounts.slot(a, ts);
    accounts.add(a, sa, AccountTable.OUT_COUNT);
    accounts.addYuan(a, sa, AccountTable.OUT_YUAN_WORD, yuan);
    if (night(ts)) {
      accounts.add(a, sa, AccountTable.NIGHT);
    }
    boolean fast = accounts.outflow(a, ts, yuan, fastSec, fastShare);
    if (fast) {
      accounts.add(a, sa, AccountTable.FAST_OUT);
    }
    if (t.isCashOut()) {
      accounts.add(a, sa, AccountTable.CASH_OUT);
    }
    boolean newPayee = !pairs.testAndSet(PAIR_PAY, a, b);
    if (newPayee) {
      accounts.add(a, sa, AccountTable.NEW_PAYEE);
    }
    accounts.addPayee(a, ts, b);
    int payerPhone = accounts.phone(a);
    if (t.fromPhone() != null) {
      payerPhone = phones.intern(t.fromPhone());
      if (accounts.phone(a) < 0) {
        accounts.phone(a, payerPhone);
      }
    }
    int dev = -1;
    int ip = -1;
    if (t.device() != null) {
      dev = devices.intern(t.device());
      devices.usedByAccount(dev, ts, a);
    }
    if (t.ip() != null) {
      ip = ips.intern(t.ip());
      ips.usedByAccount(ip, ts, a);
    }
    accounts.usedDevice(a, dev, ip);
    int sb = accounts.slot(b, ts);
    accounts.add(b, sb, AccountTable.IN_COUNT);
    accounts.addYuan(b, sb, AccountTable.IN_YUAN_WORD, yuan);
    accounts.inflow(b, ts, yuan);
    accounts.addSender(b, ts, a);

    // taint: money from a suspected mule passing it on, or from a likely victim
    boolean payerMule = accounts.score(a) >= suspect && accounts.hasRole(a, Role.MULE);
    boolean payerTainted = accounts.lastTaintTs(a) > 0 && ts - accounts.lastTaintTs(a) <= taintMs;
    if ((payerMule || payerTainted) && (fast || payerTainted)) {
      if (!pairs.testAndSet(PAIR_MULE_PAY, a, b)) {
        accounts.muleInflow(b, ts);
      }
    } else if (payerPhone >= 0 && !payerMule && !payerTainted && !fast) {
      // a victim pays from their own money; passing on what just came in is a mule's move
      victimPayment(t, b, payerPhone, ts, yuan, newPayee);
    }
    if (!accounts.hasRole(b, Role.VICTIM)) {
      evalAccount(b, ts);
    }
    evalAccount(a, ts);
  }

  /**
   * Checks whether the payer is a likely victim paying out during a fraud episode. Money counts as
   * victim money (evidence against the payee) only when the payer was first contacted by a
   * strongly suspected number; paying an account that is already a suspected mule raises a warning
   * for the payer but is not counted against the payee again, which would be circular.
   */
  private void victimPayment(TransferEvent t, int b, int v, long ts, long yuan, boolean newPayee) {
    if ((accounts.flags(b) & AccountTable.FLAG_CASH) != 0) {
      return;
    }
    // only a fraud contact or remote control makes a payment suspect; an earlier payment alone does not
    int stage = (phones.flags(v) & PhoneTable.FLAG_EPISODE) != 0
        ? victims.stage(v, ts) & (VictimWatch.CONTACT | VictimWatch.REMOTE) : 0;
    int fraudPhone = stage != 0 ? victims.fraudPhone(v, ts) : -1;
    boolean quietOnly = false;
    if (stage != 0 && victims.quiet(v, ts)) {
      // a quiet episode (a screen share after a call nobody suspected): this payment is a victim's
      // step only if the caller is suspected by now, or the payee looks like a fraud account (a
      // suspected one, or a new payee opened days ago), or a large sum goes to a new payee (a rented
      // old card looks like any other); a household bill to an old shop account is none of these
      boolean callerSuspect = fraudPhone >= 0 && phones.score(fraudPhone) >= suspect;
      double age = accounts.ageDays(b, ts);
      // (a coffee after a work meeting is none of these either: small sums stay quiet)
      boolean payeeSuspect = yuan >= victimMinYuan
          && ((accounts.score(b) >= suspect && accounts.hasRole(b, Role.MULE))
              || (newPayee && ((age >= 0 && age <= youngPayeeDays) || yuan >= quietLargeYuan)));
      if (!callerSuspect && !payeeSuspect) {
        stage = 0;
        fraudPhone = -1;
      } else {
        quietOnly = !callerSuspect;
      }
    }
    String callId = null;
    long lc = phones.longCallTs(v);
    int caller = phones.longCaller(v);
    boolean recentLongCall = lc > 0 && ts >= lc && ts - lc <= victimWindowMs && caller >= 0;
    if (stage == 0) {
      if (recentLongCall && phones.score(caller) >= propagate && phones.hasRole(caller, Role.FRAUD_NUMBER)) {
        fraudPhone = caller;
        callId = victims.lastLongCall(v);
        stage = VictimWatch.CONTACT;
      }
      // a fraudulent SMS alone is not enough: blasts reach thousands; engaging with it (a visit to
      // the link, an app install: see device()) opens the episode
    }
    // paying a suspected mule for the first time, a sizeable sum: likely a victim even without a seen contact
    boolean payeeMule = accounts.score(b) >= propagate && accounts.hasRole(b, Role.MULE)
        && newPayee && yuan >= victimMinYuan;
    if (stage == 0 && !payeeMule) {
      return;
    }
    if ((stage & VictimWatch.CONTACT) != 0 && newPayee && yuan >= victimMinYuan
        && !pairs.testAndSet(PAIR_VICTIM_PAY, v, b)) {
      accounts.victimInflow(b, ts);
    }
    if (fraudPhone < 0 && recentLongCall && ts - lc <= linkWindowMs && !isServiceNumber(phones.firstByte(caller))) {
      fraudPhone = caller; // a long first call from a stranger, then money to a mule: the stranger is linked
      callId = victims.lastLongCall(v);
    }
    phones.setFlags(v, PhoneTable.FLAG_EPISODE);
    // money moving after a fraud contact: stop it now; after a contact nobody suspects, to a new account: warn
    Level sev = stage != 0 && !quietOnly ? Level.CRITICAL : Level.HIGH;
    long before = victims.lastPaid(v, ts);
    // payments that keep doubling within one episode: the rebate or task scam's "one more order to unlock it"
    int ft = episodeType(v, fraudPhone, b, before > 0 && yuan >= 2 * before ? FraudType.BRUSHING.ordinal() + 1 : 0);
    if (callId != null) {
      victims.step(v, phones.name(v), t.from(), VictimWatch.PAID | stage, sev, fraudPhone, ft, ts, t.id(), callId);
    } else {
      victims.step(v, phones.name(v), t.from(), VictimWatch.PAID | stage, sev, fraudPhone, ft, ts, t.id());
    }
    victims.paid(v, yuan, ts);
    // linked after the warning above: the link may make the caller suspected, which must not warn
    // this payer first without the paying account
    if (fraudPhone >= 0 && !pairs.testAndSet(PAIR_VICTIM_LINK, fraudPhone, v)) {
      phones.linkVictim(fraudPhone);
      evalPhone(fraudPhone, ts);
    }
    evalPhone(v, ts);
  }

  /** Returns whether a number is a short service number (95588, 10086 …), kept as given by the codec. */
  static boolean isServiceNumber(String phone) {
    return !phone.isEmpty() && phone.charAt(0) != '+';
  }

  /** As {@link #isServiceNumber(String)}, from the first byte of an interned phone (-1 when empty). */
  static boolean isServiceNumber(int firstByte) {
    return firstByte >= 0 && firstByte != '+';
  }

  /**
   * The fraud type of a victim's episode step (ordinal + 1, 0 when nothing points anywhere): what is known of the
   * number that reached them (its messages' content, labels, reports), else of the fraudulent message they received,
   * else what the step itself suggests ({@code prior}), else what is known of the account they pay (last: one mule
   * account takes money from victims of many kinds of fraud).
   */
  private int episodeType(int victim, int fraudPhone, int payee, int prior) {
    int t = fraudPhone >= 0 ? phones.fraudType(fraudPhone) : 0;
    if (t == 0) {
      t = victims.lureType(victim);
    }
    if (t == 0) {
      t = prior;
    }
    return t == 0 && payee >= 0 ? accounts.fraudType(payee) : t;
  }

  /**
   * What the number shown to the callee suggests: a 400 or 95 service line that is not the caller poses as customer
   * service; a fixed line (not a mobile number) poses as an authority, the police or a court.
   */
  private static int displayedType(CallEvent c) {
    String shown = c.displayed();
    if (shown == null || shown.equals(c.caller())) {
      return 0;
    }
    if (shown.startsWith("400") || shown.startsWith("95")) {
      return FraudType.CUSTOMER_SERVICE.ordinal() + 1;
    }
    return shown.startsWith("+86") && shown.length() > 3 && shown.charAt(3) != '1' ? FraudType.POLICE.ordinal() + 1 : 0;
  }

  // ---------------------------------------------------------------- openings

  private void opening(OpeningEvent o) {
    long ts = o.ts();
    int h = holders.intern(o.holder());
    primary(EntityKind.HOLDER, h, o.holder());
    int counter;
    switch (o.kind()) {
      case SIM -> counter = HolderTable.SIM;
      case BANK_ACCOUNT -> counter = HolderTable.BANK;
      case PAYMENT_ACCOUNT -> counter = HolderTable.PAYMENT;
      default -> counter = HolderTable.INTERNET;
    }
    holders.opened(h, ts, counter, hash(o.channel()), hash(o.device()), hash(o.region()));
    int dev = -1;
    int ip = -1;
    if (o.device() != null) {
      dev = devices.intern(o.device());
      devices.openedBy(dev, ts, h);
      holders.sharedOpening(h, devices.holders(dev, ts));
    }
    if (o.ip() != null) {
      ip = ips.intern(o.ip());
      ips.openedBy(ip, ts, h);
      holders.sharedOpening(h, ips.holders(ip, ts));
    }
    holders.openedThrough(h, dev, ip);
    boolean dealer = isDealer(h);
    if (o.kind() == org.fanzha.core.event.OpeningKind.SIM) {
      int p = phones.intern(o.account());
      party(EntityKind.PHONE, p, o.account());
      if (phones.holder(p) < 0) {
        phones.opened(p, ts, h, holders.pushPhone(h, p));
      }
      if (dealer) {
        phones.setFlags(p, PhoneTable.FLAG_DEALER_LINKED);
      }
      evalHolder(h, ts);
      evalPhone(p, ts);
    } else {
      int acc = accounts.intern(o.account());
      party(EntityKind.ACCOUNT, acc, o.account());
      int phone = o.phone() != null ? phones.intern(o.phone()) : -1;
      if (accounts.holder(acc) < 0) {
        accounts.opened(acc, ts, h, holders.pushAccount(h, acc), phone);
      }
      if (dealer) {
        accounts.setFlags(acc, AccountTable.FLAG_DEALER_LINKED);
      }
      evalHolder(h, ts);
      evalAccount(acc, ts);
    }
    if (dealer) {
      markDealerNode(devices, dev);
      markDealerNode(ips, ip);
    }
    if (dev >= 0) {
      evalNode(devices, EntityKind.DEVICE, dev, ts);
    }
    if (ip >= 0) {
      evalNode(ips, EntityKind.IP, ip, ts);
    }
  }

  private boolean isDealer(int h) {
    return holders.score(h) >= propagate && holders.hasRole(h, Role.CARD_DEALER);
  }

  private void markDealerNode(NodeTable t, int id) {
    if (id >= 0) {
      t.setFlags(id, NodeTable.FLAG_DEALER_LINKED);
    }
  }

  // ---------------------------------------------------------------- handset signals

  private void device(DeviceEvent d) {
    long ts = d.ts();
    int v = phones.intern(d.subscriber());
    primary(EntityKind.PHONE, v, d.subscriber());
    boolean inEpisode = (phones.flags(v) & PhoneTable.FLAG_EPISODE) != 0 && victims.stage(v, ts) != 0;
    if (d.kind() == DeviceSignal.SCREEN_SHARE || d.kind() == DeviceSignal.REMOTE_CONTROL) {
      long lc = phones.longCallTs(v);
      int caller = phones.longCaller(v);
      boolean recentCall = lc > 0 && ts >= lc && ts - lc <= recentCallMs;
      if (inEpisode || recentCall) {
        int fraudPhone = inEpisode ? victims.fraudPhone(v, ts) : -1;
        if (fraudPhone < 0 && recentCall) {
          fraudPhone = caller;
        }
        boolean suspected = fraudPhone >= 0 && phones.score(fraudPhone) >= suspect;
        boolean warned = inEpisode && !victims.quiet(v, ts);
        String callId = recentCall ? victims.lastLongCall(v) : null;
        int stage = callId != null ? VictimWatch.REMOTE | VictimWatch.CONTACT : VictimWatch.REMOTE;
        phones.setFlags(v, PhoneTable.FLAG_EPISODE);
        if (!suspected && !warned) {
          // a long first call from someone nobody suspects, then a screen share: most often a
          // colleague's meeting or a relative's help (a short history makes them first contacts).
          // Remember the step without warning; money to a suspect or new account, or the caller
          // becoming suspected, raises the warning (victimPayment, evalPhone).
          if (callId != null) {
            victims.note(v, stage, fraudPhone, 0, ts, d.id(), callId);
          } else {
            victims.note(v, stage, fraudPhone, 0, ts, d.id());
          }
          evalPhone(v, ts);
          return;
        }
        Level sev = suspected ? (phones.score(fraudPhone) >= propagate ? Level.CRITICAL : Level.HIGH) : Level.MEDIUM;
        // sharing the screen is what fake customer service asks for (a refund); a remote-control app points nowhere
        int ft = episodeType(v, fraudPhone, -1,
            d.kind() == DeviceSignal.SCREEN_SHARE ? FraudType.CUSTOMER_SERVICE.ordinal() + 1 : 0);
        if (callId != null) {
          victims.step(v, d.subscriber(), null, stage, sev, fraudPhone, ft, ts, d.id(), callId);
        } else {
          victims.step(v, d.subscriber(), null, stage, sev, fraudPhone, ft, ts, d.id());
        }
      }
    } else if (lists.targetReports(d.target()) > 0) {
      phones.setFlags(v, PhoneTable.FLAG_EPISODE);
      victims.step(v, d.subscriber(), null, VictimWatch.CONTACT,
          lists.targetReports(d.target()) >= reportedTargetHigh ? Level.HIGH : Level.MEDIUM, -1, 0, ts, d.id());
    } else {
      long fc = phones.fraudContactTs(v);
      if (fc > 0 && ts >= fc && ts - fc <= recentCallMs) {
        // following a link or installing an app soon after a fraudulent SMS: engaging with the lure
        phones.setFlags(v, PhoneTable.FLAG_EPISODE);
        victims.step(v, d.subscriber(), null, VictimWatch.CONTACT, Level.MEDIUM, -1, victims.lureType(v), ts, d.id());
      }
    }
    evalPhone(v, ts);
  }

  // ---------------------------------------------------------------- reports and labels

  /** Returns the report's fraud type, or the content model's reading of its text when none was given (0 = unknown). */
  private int fraudTypeCode(ReportEvent r) {
    FraudType type = r.fraudType();
    if (type == null && r.text() != null && classifier != null) {
      type = classifier.classify(r.text()).fraudType();
    }
    return type == null ? 0 : type.ordinal() + 1;
  }

  private void report(ReportEvent r) {
    long ts = r.ts();
    int reporter = r.reporter() != null ? phones.intern(r.reporter()) : -1;
    int reporterKey = reporter >= 0 ? reporter : r.id().hashCode() | Integer.MIN_VALUE;
    int ft = fraudTypeCode(r);
    for (ReportTarget target : r.targets()) {
      switch (target.kind()) {
        case PHONE -> {
          int p = phones.intern(target.value());
          primary(EntityKind.PHONE, p, target.value());
          phones.reported(p, !pairs.testAndSet(PAIR_REPORT, p, reporterKey));
          if (ft != 0) {
            phones.fraudType(p, ft);
          }
          evalPhone(p, ts);
        }
        case ACCOUNT -> {
          int a = accounts.intern(target.value());
          primary(EntityKind.ACCOUNT, a, target.value());
          accounts.reported(a, !pairs.testAndSet(PAIR_REPORT, ~a, reporterKey));
          if (ft != 0) {
            accounts.fraudType(a, ft);
          }
          evalAccount(a, ts);
        }
        default -> lists.reportTarget(target.value());
      }
    }
    if (reporter >= 0 && r.lossFen() > 0) {
      // the reporter lost money: a victim (after the fact; no early warning)
      phones.raise(reporter, 0, 0, FeatureTable.bit(Role.VICTIM));
    }
  }

  private void label(LabelEvent l) {
    long ts = l.ts();
    Role role = l.role();
    lists.apply(l.entityKind(), l.entity(), role, l.fraudType());
    int ft = l.fraudType() == null ? 0 : l.fraudType().ordinal() + 1;
    int roleBit = role == Role.NORMAL ? 0 : FeatureTable.bit(role);
    switch (l.entityKind()) {
      case PHONE -> {
        int p = phones.intern(l.entity());
        primary(EntityKind.PHONE, p, l.entity());
        if (role == Role.NORMAL) {
          phones.clearFlags(p, PhoneTable.FLAG_LISTED);
          phones.setFlags(p, PhoneTable.FLAG_WHITELISTED);
          phones.setRisk(p, 0, 0, 0);
        } else if (role != Role.VICTIM) {
          phones.setFlags(p, PhoneTable.FLAG_LISTED);
          phones.clearFlags(p, PhoneTable.FLAG_WHITELISTED);
          if (ft != 0) {
            phones.fraudType(p, ft);
          }
        }
        evalPhone(p, ts);
        phones.raise(p, 0, 0, roleBit);
      }
      case ACCOUNT -> {
        int a = accounts.intern(l.entity());
        primary(EntityKind.ACCOUNT, a, l.entity());
        if (role == Role.NORMAL) {
          accounts.clearFlags(a, AccountTable.FLAG_LISTED);
          accounts.setFlags(a, AccountTable.FLAG_WHITELISTED);
          accounts.setRisk(a, 0, 0, 0);
        } else if (role != Role.VICTIM) {
          accounts.setFlags(a, AccountTable.FLAG_LISTED);
          accounts.clearFlags(a, AccountTable.FLAG_WHITELISTED);
          if (ft != 0) {
            accounts.fraudType(a, ft);
          }
        }
        evalAccount(a, ts);
        accounts.raise(a, 0, 0, roleBit);
      }
      case HOLDER -> {
        int h = holders.intern(l.entity());
        primary(EntityKind.HOLDER, h, l.entity());
        if (role == Role.NORMAL) {
          holders.clearFlags(h, HolderTable.FLAG_LISTED);
          holders.setFlags(h, HolderTable.FLAG_WHITELISTED);
          holders.setRisk(h, 0, 0, 0);
        } else if (role != Role.VICTIM) {
          holders.setFlags(h, HolderTable.FLAG_LISTED);
          holders.clearFlags(h, HolderTable.FLAG_WHITELISTED);
        }
        evalHolder(h, ts);
        holders.raise(h, 0, 0, roleBit);
      }
      default -> {
        NodeTable t = l.entityKind() == EntityKind.IP ? ips : devices;
        int n = t.intern(l.entity());
        primary(l.entityKind(), n, l.entity());
        if (role == Role.NORMAL) {
          t.clearFlags(n, NodeTable.FLAG_LISTED);
          t.setRisk(n, 0, 0, 0);
        } else if (role != Role.VICTIM) {
          t.setFlags(n, NodeTable.FLAG_LISTED);
        }
        evalNode(t, l.entityKind(), n, ts);
        t.raise(n, 0, 0, roleBit);
      }
    }
  }

  // ---------------------------------------------------------------- evaluation and propagation

  private int evalPhone(int p, long now) {
    // a quiet episode (nothing warned yet) does not make its subject a victim
    int stage = (phones.flags(p) & PhoneTable.FLAG_EPISODE) != 0 ? victims.warnedStage(p, now) : 0;
    phoneRules.evaluate(pf.load(phones, devices, cells, p, now, stage), ev, verdict);
    int s = verdict.score();
    Role role = verdict.role();
    int before = phones.score(p);
    long mask = RuleCodes.toBits(verdict.mask(), phoneBits);
    countHits(RuleSpec.Kind.PHONE, mask);
    phones.raise(p, s, mask, verdict.roleBits());
    consider(EntityKind.PHONE, p, s, mask, role);
    if (before < suspect && s >= suspect && role == Role.FRAUD_NUMBER) {
      // the caller of quiet episodes (a long call, then a screen share) is suspected now: warn them
      victims.callerSuspected(p, Level.HIGH, now, currentEventId, phones::name, v -> {
        phones.setFlags(v, PhoneTable.FLAG_EPISODE);
        evalPhone(v, now);
      });
    }
    if (s >= propagate && role == Role.FRAUD_NUMBER
        && (phones.flags(p) & PhoneTable.FLAG_COUNTED_FOR_HOLDER) == 0) {
      int h = phones.holder(p);
      if (h >= 0) {
        phones.setFlags(p, PhoneTable.FLAG_COUNTED_FOR_HOLDER);
        holders.linkFraud(h);
        evalHolder(h, now);
      }
    }
    return s;
  }

  private int evalAccount(int a, long now) {
    accountRules.evaluate(af.load(accounts, devices, ips, a, now), ev, verdict);
    int s = verdict.score();
    Role role = verdict.role();
    long mask = RuleCodes.toBits(verdict.mask(), accountBits);
    countHits(RuleSpec.Kind.ACCOUNT, mask);
    accounts.raise(a, s, mask, verdict.roleBits());
    consider(EntityKind.ACCOUNT, a, s, mask, role);
    if (s >= propagate && role == Role.MULE
        && (accounts.flags(a) & AccountTable.FLAG_COUNTED_FOR_HOLDER) == 0) {
      int h = accounts.holder(a);
      if (h >= 0) {
        accounts.setFlags(a, AccountTable.FLAG_COUNTED_FOR_HOLDER);
        holders.linkFraud(h);
        evalHolder(h, now);
      }
    }
    return s;
  }

  private int evalHolder(int h, long now) {
    holderRules.evaluate(hf.load(holders, h, now), ev, verdict);
    int s = verdict.score();
    Role role = verdict.role();
    long mask = RuleCodes.toBits(verdict.mask(), holderBits);
    countHits(RuleSpec.Kind.HOLDER, mask);
    holders.raise(h, s, mask, verdict.roleBits());
    consider(EntityKind.HOLDER, h, s, mask, role);
    if (isDealer(h) && (holders.flags(h) & HolderTable.FLAG_DEALER_PROPAGATED) == 0) {
      holders.setFlags(h, HolderTable.FLAG_DEALER_PROPAGATED);
      for (int p = holders.firstPhone(h); p >= 0; p = phones.nextSibling(p)) {
        phones.setFlags(p, PhoneTable.FLAG_DEALER_LINKED);
        evalPhone(p, now);
      }
      for (int a = holders.firstAccount(h); a >= 0; a = accounts.nextSibling(a)) {
        accounts.setFlags(a, AccountTable.FLAG_DEALER_LINKED);
        evalAccount(a, now);
      }
      int dev = holders.lastDevice(h);
      if (dev >= 0) {
        devices.setFlags(dev, NodeTable.FLAG_DEALER_LINKED);
        evalNode(devices, EntityKind.DEVICE, dev, now);
      }
      int ip = holders.lastIp(h);
      if (ip >= 0) {
        ips.setFlags(ip, NodeTable.FLAG_DEALER_LINKED);
        evalNode(ips, EntityKind.IP, ip, now);
      }
    }
    return s;
  }

  private int evalNode(NodeTable t, EntityKind kind, int n, long now) {
    nodeRules.evaluate(nf.load(t, n, now), ev, verdict);
    int s = verdict.score();
    long mask = RuleCodes.toBits(verdict.mask(), nodeBits);
    countHits(RuleSpec.Kind.DEVICE, mask);
    t.raise(n, s, mask, verdict.roleBits());
    consider(kind, n, s, mask, verdict.role());
    return s;
  }

  private void primary(EntityKind kind, int id, String name) {
    if (primaryKind == null) {
      primaryKind = kind;
      primaryId = id;
      primaryName = name; // the event's own string: the decision needs no decoding from the arena
    }
  }

  /** Remembers the event's string for another party it names (the decision may be about it). */
  private void party(EntityKind kind, int id, String name) {
    otherKind = kind;
    otherId = id;
    otherName = name;
  }

  private void consider(EntityKind kind, int id, int score, long mask, @Nullable Role role) {
    if (score <= 0) {
      return;
    }
    bestAction = bestAction.max(action(kind, score, role, currentType));
    if (score > bestScore) {
      bestScore = score;
      bestKind = kind;
      bestId = id;
      bestMask = mask;
    }
  }

  /**
   * Returns the action for a score: victims are warned (and their transfers delayed when the
   * evidence is strong); accounts are delayed at high and held at critical (延迟到账, 止付); phones
   * are marked at medium and high and suspended at critical; holders, devices and IPs get extra
   * verification at high and refusal at critical.
   */
  static Action action(EntityKind kind, int score, @Nullable Role role, EventType type) {
    Level level = Level.of(score);
    if (role == Role.VICTIM) {
      return level.compareTo(Level.HIGH) >= 0 && type == EventType.TRANSFER ? Action.DELAY : Action.WARN;
    }
    switch (level) {
      case CRITICAL:
        return Action.HOLD;
      case HIGH:
        return kind == EntityKind.PHONE ? Action.WARN : Action.DELAY;
      case MEDIUM:
        return Action.WARN;
      default:
        return Action.ALLOW;
    }
  }

  private Decision decision(String eventId) {
    if (bestKind == null) {
      EntityKind k = primaryKind == null ? EntityKind.PHONE : primaryKind;
      String entity = primaryKind == null ? "" : primaryName;
      return new Decision(eventId, k, entity, 0, Level.LOW, Action.ALLOW, List.of());
    }
    Level level = Level.of(bestScore);
    decisionsByLevel[level.ordinal()]++;
    String entity = bestKind == primaryKind && bestId == primaryId ? primaryName
        : bestKind == otherKind && bestId == otherId ? otherName : table(bestKind).name(bestId);
    return new Decision(eventId, bestKind, entity, bestScore, level, bestAction,
        reasons(bestKind, bestMask));
  }

  private FeatureTable table(EntityKind kind) {
    switch (kind) {
      case PHONE:
        return phones;
      case ACCOUNT:
        return accounts;
      case HOLDER:
        return holders;
      case DEVICE:
        return devices;
      default:
        return ips;
    }
  }

  private void countHits(RuleSpec.Kind kind, long mask) {
    long[] hits = ruleHits[kind.ordinal()];
    for (long m = mask; m != 0; m &= m - 1) {
      hits[Long.numberOfTrailingZeros(m)]++;
    }
  }

  /**
   * Returns how many times each rule code fired since this engine started (or its counts were last
   * reset), counting every entity the rule fired for on every event.
   */
  public Map<String, Long> ruleHits() {
    Map<String, Long> out = new java.util.TreeMap<>();
    for (RuleSpec.Kind k : RuleSpec.Kind.values()) {
      long[] hits = ruleHits[k.ordinal()];
      for (int b = 0; b < 64; b++) {
        String code = codes.code(k, b);
        if (code != null) {
          out.put(code, hits[b]);
        }
      }
    }
    return out;
  }

  /** Returns the codes of the rules that last fired for an entity (its held risk's reasons), or none. */
  public List<String> ruleCodes(EntityKind kind, String id) {
    return entity(kind, id).map(r -> r.reasons().stream().map(Reason::code).toList()).orElse(List.of());
  }

  private List<Reason> reasons(EntityKind kind, long mask) {
    return codes.reasons(ruleKind(kind), mask);
  }

  private static RuleSpec.Kind ruleKind(EntityKind kind) {
    return switch (kind) {
      case PHONE -> RuleSpec.Kind.PHONE;
      case ACCOUNT -> RuleSpec.Kind.ACCOUNT;
      case HOLDER -> RuleSpec.Kind.HOLDER;
      default -> RuleSpec.Kind.DEVICE;
    };
  }

  private boolean night(long ts) {
    int hour = (int) Math.floorMod(Math.floorDiv(ts, HOUR) + 8, 24L);
    return hour >= nightStart && hour < nightEnd;
  }

  private static int hash(@Nullable String s) {
    return s == null ? 0 : org.fanzha.engine.features.Distinct.mix(s.hashCode()) | 1;
  }

  // ---------------------------------------------------------------- queries

  /** Returns the risk held for an entity, if it has a score above zero or a role. */
  public Optional<EntityRisk> entity(EntityKind kind, String id) {
    FeatureTable t = table(kind);
    int i = t.find(id);
    if (i < 0 || (t.score(i) == 0 && t.roleMask(i) == 0)) {
      return Optional.empty();
    }
    return Optional.of(risk(kind, t, i));
  }

  /** Returns up to {@code limit} entities with the highest held scores, highest first. */
  public List<EntityRisk> riskiest(int limit) {
    if (limit <= 0) {
      return List.of();
    }
    PriorityQueue<long[]> heap = new PriorityQueue<>(Comparator.comparingLong(x -> x[0]));
    for (EntityKind kind : EntityKind.values()) {
      FeatureTable t = table(kind);
      for (int i = 0, n = t.size(); i < n; i++) {
        int s = t.score(i);
        if (s > 0 && (heap.size() < limit || s > heap.peek()[0])) {
          heap.add(new long[] {s, kind.ordinal(), i});
          if (heap.size() > limit) {
            heap.poll();
          }
        }
      }
    }
    List<EntityRisk> out = new ArrayList<>(heap.size());
    while (!heap.isEmpty()) {
      long[] x = heap.poll();
      EntityKind kind = EntityKind.values()[(int) x[1]];
      out.add(risk(kind, table(kind), (int) x[2]));
    }
    java.util.Collections.reverse(out);
    return out;
  }

  /** Hands every entity with a held score above zero to {@code sink}, kind by kind. */
  public void forEachRisk(Consumer<EntityRisk> sink) {
    for (EntityKind kind : EntityKind.values()) {
      FeatureTable t = table(kind);
      for (int i = 0, n = t.size(); i < n; i++) {
        if (t.score(i) > 0) {
          sink.accept(risk(kind, t, i));
        }
      }
    }
  }

  private EntityRisk risk(EntityKind kind, FeatureTable t, int i) {
    int s = t.score(i);
    Set<Role> roles = EnumSet.noneOf(Role.class);
    int bits = t.roleMask(i);
    for (Role r : Role.values()) {
      if (r != Role.NORMAL && (bits & (1 << r.ordinal())) != 0) {
        roles.add(r);
      }
    }
    return new EntityRisk(kind, t.name(i), s, Level.of(Math.max(1, s)), roles, reasons(kind, t.reasonMask(i)));
  }

  /** Returns the warnings raised since the last call, oldest first. */
  public List<Warning> drainWarnings() {
    return victims.drain();
  }

  /** Returns counters of events, decisions, entities and the approximate size of the state. */
  public EngineStats stats() {
    Map<EventType, Long> ev = new EnumMap<>(EventType.class);
    for (EventType t : EventType.values()) {
      ev.put(t, eventsByType[t.ordinal()]);
    }
    Map<Level, Long> dec = new EnumMap<>(Level.class);
    for (Level l : Level.values()) {
      dec.put(l, decisionsByLevel[l.ordinal()]);
    }
    Map<EntityKind, Integer> ent = new EnumMap<>(EntityKind.class);
    Map<EntityKind, Integer> per = new EnumMap<>(EntityKind.class);
    long bytes = pairs.approxBytes() + victims.approxBytes() + cells.approxBytes();
    for (EntityKind k : EntityKind.values()) {
      FeatureTable t = table(k);
      ent.put(k, t.size());
      per.put(k, t.bytesPerEntityFeatures());
      bytes += t.approxBytes();
    }
    return new EngineStats(ev, dec, ent, bytes, per, victims.episodes());
  }

  /**
   * Returns the bytes of each structure of the state, as allocated (unused capacity included), by
   * name in a stable order: per table ({@code phone}, {@code account}, {@code holder}, {@code
   * device}, {@code ip}, {@code cell}) its feature pages (held risk included), identifier arena and
   * identifier hash table; then the pair memory, the risk lists and the victim episodes. An
   * estimate from array lengths (object headers of the few big arrays aside), for the
   * breakdown; the whole heap is what a heap measurement shows.
   */
  public Map<String, Long> memory() {
    Map<String, Long> m = new java.util.LinkedHashMap<>();
    String[] names = {"phone", "account", "holder", "device", "ip", "cell"};
    FeatureTable[] tables = {phones, accounts, holders, devices, ips, cells};
    for (int i = 0; i < tables.length; i++) {
      m.put(names[i] + ".features", tables[i].featureBytes());
      m.put(names[i] + ".id_arena", tables[i].idArenaBytes());
      m.put(names[i] + ".id_table", tables[i].idTableBytes());
    }
    m.put("pairs", pairs.approxBytes());
    m.put("lists", lists.approxBytes());
    m.put("victims", victims.approxBytes());
    return m;
  }

  /** Returns how many cells (radio cells named by calls) the engine tracks, beside the entity kinds. */
  public int cellsTracked() {
    return cells.size();
  }

  // ---------------------------------------------------------------- snapshots

  /**
   * Writes the whole state (features, risk, lists, victim episodes, counters) in a versioned
   * binary format. Warnings not yet drained are not part of it.
   */
  public void writeSnapshot(OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
    d.writeInt(SNAPSHOT_MAGIC);
    d.writeInt(SNAPSHOT_VERSION);
    d.writeLong(clock);
    d.writeLong(processed);
    for (long v : eventsByType) {
      d.writeLong(v);
    }
    for (long v : decisionsByLevel) {
      d.writeLong(v);
    }
    phones.write(d);
    accounts.write(d);
    holders.write(d);
    devices.write(d);
    ips.write(d);
    cells.write(d);
    pairs.write(d);
    lists.write(d);
    codes.write(d);
    victims.write(d);
    d.flush();
  }

  /**
   * Restores an engine from {@link #writeSnapshot} output; {@code config} supplies the rules and
   * thresholds (which may differ from those the snapshot was taken with: state is features, not
   * verdicts).
   *
   * @throws IOException when the stream is not an engine snapshot of a known version
   */
  public static Engine readSnapshot(InputStream in, EngineConfig config) throws IOException {
    DataInputStream d = new DataInputStream(new BufferedInputStream(in, 1 << 16));
    if (d.readInt() != SNAPSHOT_MAGIC) {
      throw new IOException("not a Fanzha engine snapshot");
    }
    int version = d.readInt();
    if (version < OLDEST_READABLE || version > SNAPSHOT_VERSION) {
      throw new IOException("unsupported engine snapshot version " + version);
    }
    long clock = d.readLong();
    long processed = d.readLong();
    long[] ev = new long[EventType.values().length];
    for (int i = 0; i < ev.length; i++) {
      ev[i] = d.readLong();
    }
    long[] dec = new long[Level.values().length];
    for (int i = 0; i < dec.length; i++) {
      dec[i] = d.readLong();
    }
    PhoneTable ph = new PhoneTable(16);
    ph.read(d);
    AccountTable ac = new AccountTable(16);
    ac.read(d);
    HolderTable ho = new HolderTable(16);
    ho.read(d);
    NodeTable dv = new NodeTable(16);
    dv.read(d);
    NodeTable ip = new NodeTable(16);
    ip.read(d);
    CellTable ce = new CellTable(16);
    ce.read(d);
    PairMemory pairs = PairMemory.read(d);
    RiskLists lists = RiskLists.read(d);
    RuleCodes codes = new RuleCodes();
    codes.read(d); // before the book is adopted, so stored masks keep naming the same codes
    Engine e = new Engine(config, pairs, lists, ph, ac, ho, dv, ip, ce, codes);
    e.victims.read(d, version);
    e.clock = clock;
    e.processed = processed;
    System.arraycopy(ev, 0, e.eventsByType, 0, ev.length);
    System.arraycopy(dec, 0, e.decisionsByLevel, 0, dec.length);
    return e;
  }
}

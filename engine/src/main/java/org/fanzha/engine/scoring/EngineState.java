package org.fanzha.engine.scoring;

import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.fanzha.core.event.EntityKind;
import org.fanzha.engine.EngineConfig;
import org.fanzha.engine.correlation.VictimWatch;
import org.fanzha.engine.features.AccountTable;
import org.fanzha.engine.features.CellTable;
import org.fanzha.engine.features.FeatureTable;
import org.fanzha.engine.features.HolderTable;
import org.fanzha.engine.features.Interner;
import org.fanzha.engine.features.NodeTable;
import org.fanzha.engine.features.OwnedPairs;
import org.fanzha.engine.features.PairMemory;
import org.fanzha.engine.features.PersonRisks;
import org.fanzha.engine.features.PhoneTable;
import org.fanzha.engine.lists.RiskLists;
import org.fanzha.engine.rules.RuleCodes;
import org.fanzha.engine.rules.file.RuleSpec;
import org.jspecify.annotations.Nullable;

/**
 * Everything the engine remembers between events: per-kind feature tables, the pair memory, the
 * risk lists, the victim episodes and the rule codes that stored reason masks name. The steps reach
 * state only through this object, so a runner can hold it as one piece (the embedded runner) and
 * write or read it as one snapshot section.
 */
public final class EngineState {
  // the relations the pair memory keeps apart: "has p called q", "has a paid b", …
  static final int PAIR_CALL = 1;
  static final int PAIR_PAY = 2;
  static final int PAIR_REPORT = 3;
  static final int PAIR_VICTIM_PAY = 4;
  static final int PAIR_VICTIM_LINK = 5;
  static final int PAIR_MULE_PAY = 6;
  // kept only by a keyed engine, where the other side's relation lives with another key (decision
  // 0023)
  static final int PAIR_CALLED_BY = 7;
  static final int PAIR_TALKED = 8;
  // an account reported by a reporter: the one-state engine keeps it as PAIR_REPORT of ~account
  static final int PAIR_ACCOUNT_REPORT = 9;

  final PhoneTable phones;
  final AccountTable accounts;
  final HolderTable holders;
  final NodeTable devices;
  final NodeTable ips;
  final CellTable cells;
  PairMemory pairs;
  final RiskLists lists;
  final RuleCodes codes;
  final VictimWatch victims;
  final PersonRisks persons = new PersonRisks();

  /**
   * A keyed share's copies of what people read of numbers (empty elsewhere: there the numbers are
   * this state's).
   */
  final NumberCopies numberCopies = new NumberCopies();

  /**
   * What people's steps read of the numbers that reached them: this state's own phones, or a keyed
   * share's copies.
   */
  NumberView numbers;

  /**
   * The stage this state is a share of in a keyed runner (null: the one-state engine): relations
   * are then kept on both sides, and the other side of a pair is named by its name's hash.
   */
  private @Nullable Stage stage;

  /**
   * The pairs of a share whose keys are kept per entity, by the row that owns them (decision 0041);
   * null where {@link #pairs} keeps them.
   */
  private @Nullable OwnedPairs owned;

  /**
   * A keyed share's accounts' registered phones by name (decision 0041): the phone is another key,
   * so its row is not this account's to make; empty elsewhere, where the account's phone word names
   * the phone's row.
   */
  private final Int2ObjectOpenHashMap<String> accountPhones = new Int2ObjectOpenHashMap<>();

  /**
   * The numbers a keyed share's people refer to, kept apart from its people (decision 0042): a
   * person's last long caller, an episode's fraud number. Each is another key's, so here it is a
   * name and no row; null elsewhere, where such a number is a row of {@link #phones}.
   */
  private @Nullable Interner refs;

  /**
   * Numbers' reasons as their rules' codes: the copies kept beside a group's keys are read by an
   * engine that may have given the codes other bits.
   */
  private final NumberCopies.Reasons reasonCodes =
      new NumberCopies.Reasons() {
        @Override
        public void write(DataOutputStream d, long mask) throws IOException {
          KeyBytes.writeReasons(d, EngineState.this, RuleSpec.Kind.PHONE, mask);
        }

        @Override
        public long read(DataInputStream d) throws IOException {
          return KeyBytes.mask(EngineState.this, RuleSpec.Kind.PHONE, KeyBytes.readCodes(d));
        }
      };

  /** The event time of the last idle sweep (0: none yet). */
  private long lastSweep;

  /**
   * The last idle sweep a person put back had been through while kept (decision 0042), by row,
   * until {@link PersonKeys#forgetIfIdle} reads it: a sweep it saw is not applied again.
   */
  private final it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap sweptWhileKept =
      new it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap();

  /** The time every table stamps on the entities it interns (decision 0027). */
  private final FeatureTable.Clock clock = new FeatureTable.Clock();

  private EngineState(
      PhoneTable phones,
      AccountTable accounts,
      HolderTable holders,
      NodeTable devices,
      NodeTable ips,
      CellTable cells,
      PairMemory pairs,
      RiskLists lists,
      RuleCodes codes) {
    this.phones = phones;
    this.accounts = accounts;
    this.holders = holders;
    this.devices = devices;
    this.ips = ips;
    this.cells = cells;
    this.pairs = pairs;
    this.lists = lists;
    this.codes = codes;
    this.victims = new VictimWatch(0, phones::name, this::numberName);
    this.numbers =
        phone ->
            new NumberView.NumberRisk(
                phones.score(phone),
                phones.reasonMask(phone),
                phones.roleMask(phone),
                phones.fraudType(phone));
    for (EntityKind k :
        new EntityKind[] {
          EntityKind.PHONE, EntityKind.ACCOUNT, EntityKind.HOLDER, EntityKind.DEVICE, EntityKind.IP
        }) {
      table(k).flagsFrom(name -> lists.flagsOf(k, name));
      table(k).useClock(clock);
    }
    cells.useClock(clock);
  }

  /**
   * Sets the time stamped on the entities met from now on (the engine's clock: the latest event
   * time).
   */
  public void clock(long ts) {
    clock.set(ts);
  }

  /**
   * Forgets the entities last seen more than {@code idleMs} before {@code now} that hold nothing
   * below {@code keepScore} (decision 0027); returns how many it forgot.
   */
  public int forgetIdle(long now, long idleMs, int keepScore) {
    int forgotten = IdleEntities.sweep(this, now, idleMs, keepScore).total();
    lastSweep = now;
    victims.markSweep();
    // a people's share also lets go the numbers its people no longer name (a replay never
    // checkpoints)
    IdleEntities.forgetUnnamedNumbers(this);
    return forgotten;
  }

  /** Returns the event time of the last idle sweep ({@link #forgetIdle}), 0 before the first. */
  public long lastSweep() {
    return lastSweep;
  }

  /** Sets the time of the last idle sweep a state kept apart had (a fresh state only). */
  public void resumeSweep(long sweptAt) {
    lastSweep = sweptAt;
  }

  /** Remembers that person {@code id}, put back, had been through the sweep at {@code sweptAt}. */
  void sweptWhileKept(int id, long sweptAt) {
    sweptWhileKept.put(id, sweptAt);
  }

  /**
   * Returns the last idle sweep person {@code id} has been through: the one it was put back with,
   * until {@link PersonKeys#forgetIfIdle} has applied the sweeps since; else the last.
   */
  long sweepSeenBy(int id) {
    return sweptWhileKept.containsKey(id) ? sweptWhileKept.get(id) : lastSweep;
  }

  /**
   * Returns the last sweep person {@code id} had been through when it was put back (0: none, or not
   * put back), and forgets it.
   */
  long takeSweptWhileKept(int id) {
    return sweptWhileKept.remove(id);
  }

  /** Returns empty state sized for a small city; the tables grow as entities arrive. */
  public static EngineState empty(EngineConfig config) {
    return new EngineState(
        new PhoneTable(1 << 12),
        new AccountTable(1 << 12),
        new HolderTable(1 << 10),
        new NodeTable(1 << 10),
        new NodeTable(1 << 10),
        new CellTable(1 << 10),
        PairMemory.create(config.pairsLog2Bits()),
        new RiskLists(),
        new RuleCodes());
  }

  /**
   * Returns empty state sized for the few entities one key's steps meet (decision 0038: what a
   * keyed runner keeps per entity); it grows as any does.
   */
  public static EngineState forOneKey() {
    return new EngineState(
        new PhoneTable(16),
        new AccountTable(16),
        new HolderTable(16),
        new NodeTable(16),
        new NodeTable(16),
        new CellTable(16),
        PairMemory.forFewPairs(),
        new RiskLists(16),
        new RuleCodes());
  }

  /** Writes every structure, in the order {@link #read} expects. */
  public void write(DataOutputStream d) throws IOException {
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
    persons.write(d);
    numberCopies.write(d);
    d.writeBoolean(owned != null);
    if (owned != null) {
      owned.write(d);
    }
    int[] named = accountPhones.keySet().toIntArray();
    java.util.Arrays.sort(named); // the same bytes however the map grew
    d.writeInt(named.length);
    for (int a : named) {
      d.writeInt(a);
      d.writeUTF(accountPhones.get(a));
    }
    Interner r = refs;
    d.writeBoolean(r != null);
    if (r != null) {
      d.writeInt(r.size());
      for (int id = 0; id < r.size(); id++) {
        d.writeBoolean(r.isLive(id));
        if (r.isLive(id)) {
          d.writeUTF(r.name(id));
        }
      }
      int[] free = r.freeIds();
      d.writeInt(free.length);
      for (int id : free) {
        d.writeInt(id);
      }
    }
  }

  /**
   * Writes what a share of people holds beside its keys ({@link KeyState#exportGroup}): the copies
   * of numbers, the sites, the watch's quiet episodes by caller and its passes.
   */
  void writeBesideKeys(DataOutputStream d) throws IOException {
    numberCopies.write(d, reasonCodes);
    lists.writeTargets(d);
    victims.writeShared(d);
  }

  /** Reads what {@link #writeBesideKeys} wrote, in place of what is held beside the keys. */
  void readBesideKeys(DataInputStream d) throws IOException {
    numberCopies.read(d, reasonCodes);
    lists.readTargets(d);
    victims.readShared(d);
  }

  /**
   * Reads what {@link #write} wrote in snapshot format {@code version}; {@code clock} is the
   * snapshot's (the latest event time), at which older formats' handset and network references
   * become counts.
   */
  public static EngineState read(DataInputStream d, int version, long clock) throws IOException {
    PhoneTable phones = new PhoneTable(16);
    phones.read(d, version, clock);
    AccountTable accounts = new AccountTable(16);
    accounts.read(d, version, clock);
    HolderTable holders = new HolderTable(16);
    holders.read(d, version, clock);
    NodeTable devices = new NodeTable(16);
    devices.read(d, version, clock);
    NodeTable ips = new NodeTable(16);
    ips.read(d, version, clock);
    CellTable cells = new CellTable(16);
    cells.read(d, version, clock);
    if (version
        < 10) { // before 10 a phone or account kept which handset and network it used, not their
      // counts
      phones.countsFromIds(devices, cells, clock);
      accounts.countsFromIds(devices, ips, clock);
    }
    PairMemory pairs = PairMemory.read(d);
    RiskLists lists = RiskLists.read(d, version);
    RuleCodes codes = new RuleCodes();
    codes.read(d); // before a book is adopted, so stored masks keep naming the same codes
    EngineState s =
        new EngineState(phones, accounts, holders, devices, ips, cells, pairs, lists, codes);
    s.victims.read(d, version);
    if (version >= 9) {
      s.persons.read(d); // before 9 a person's standing was part of the phone's held risk
    }
    if (version >= 11) {
      s.numberCopies.read(d); // before 11 a keyed share read numbers from its runner
    }
    if (version >= 15) { // before 15 a keyed share kept its pairs by ids and made accounts' phones
      if (d.readBoolean()) {
        s.owned = OwnedPairs.read(d, phones.size(), accounts.size());
      }
      for (int n = d.readInt(); n > 0; n--) {
        int a = d.readInt();
        s.accountPhones.put(a, d.readUTF());
      }
    }
    if (version >= 16 && d.readBoolean()) { // a share of people's numbers, apart (decision 0042)
      Interner r = new Interner(16);
      int size = d.readInt();
      for (int id = 0; id < size; id++) {
        if (d.readBoolean()) {
          r.restore(id, d.readUTF());
        }
      }
      int[] free = new int[d.readInt()];
      for (int i = 0; i < free.length; i++) {
        free[i] = d.readInt();
      }
      r.restoreFree(size, free);
      s.refs = r;
    }
    s.victims.indexQuiet(); // by names: once the numbers people refer to are read
    return s;
  }

  /**
   * Makes this state one key group's share of {@code stage} in a keyed runner (decision 0023):
   * relations are kept on both sides, the other side of a pair is named by its name's hash, and
   * people's steps read the copies of numbers the ACTOR stage sent ({@link NumberCopies}). A stage
   * whose keys are kept per entity keeps its pairs by their owners (decisions 0041, 0042), and
   * people's share keeps the numbers they refer to apart from them.
   */
  public void keyed(Stage stage) {
    this.stage = stage;
    numbers = number -> numberCopies.of(numberName(number));
    if ((stage == Stage.ACTOR || stage == Stage.PERSON) && owned == null) {
      owned = new OwnedPairs();
      pairs = PairMemory.forFewPairs(); // what a share restored from before 0041 kept, by ids
      phonesByName();
    }
    if (stage == Stage.PERSON && refs == null) {
      numbersApart();
    }
    OwnedPairs o = owned;
    if (o != null) {
      phones.onForget(p -> o.forget(OwnedPairs.table(false), p));
    }
    accounts.onForget(
        a -> {
          accountPhones.remove(a);
          if (o != null) {
            o.forget(OwnedPairs.table(true), a);
          }
        });
  }

  /**
   * Keeps by name the accounts' phones a share restored from before decision 0041 kept as rows: the
   * rows are other keys', and this share does not keep them.
   */
  private void phonesByName() {
    for (int a = 0, n = accounts.size(); a < n; a++) {
      if (accounts.isLive(a) && accounts.phone(a) >= 0) {
        accountPhones.put(a, phones.name(accounts.phone(a)));
        accounts.phone(a, -1);
      }
    }
  }

  /**
   * Keeps the numbers people refer to as names apart from the people: a share restored from before
   * decision 0042 kept them as rows beside them.
   */
  private void numbersApart() {
    Interner apart = new Interner(16);
    for (int p = 0, n = phones.size(); p < n; p++) {
      if (phones.isLive(p) && phones.longCaller(p) >= 0) {
        phones.longCaller(p, apart.intern(phones.name(phones.longCaller(p))));
      }
    }
    victims.renumber(number -> apart.intern(phones.name(number)));
    refs = apart;
  }

  /**
   * Returns the id of number {@code name} as people refer to it: its row in the one-state engine,
   * its name's id among the numbers a people's share keeps apart (made when new).
   */
  int numberRef(String name) {
    Interner r = refs;
    return r != null ? r.intern(name) : phones.intern(name);
  }

  /** Returns the name of a number people refer to by {@link #numberRef}. */
  String numberName(int number) {
    Interner r = refs;
    return r != null ? r.name(number) : phones.name(number);
  }

  /** Returns the first byte of a number people refer to ({@link #numberRef}), or -1. */
  int numberFirstByte(int number) {
    Interner r = refs;
    return r != null ? r.firstByte(number) : phones.firstByte(number);
  }

  /** Returns the numbers people refer to, when kept apart from them (null: they are phones). */
  @Nullable Interner numbersApartFromPeople() {
    return refs;
  }

  /** Returns the stage this state is a share of ({@link #keyed}), or null. */
  @Nullable Stage stage() {
    return stage;
  }

  /**
   * Returns how a pair names its other side {@code name} of table {@code t}: by its row here in the
   * one-state engine (made when new), by its name's hash in a keyed share, where it is another
   * key's and its row is not this share's to make.
   */
  int partner(FeatureTable t, String name) {
    return stage != null ? FeatureTable.nameHash(name) : t.intern(name);
  }

  /**
   * Returns whether {@code owner} met {@code partner} in relation {@code kind} before; records it.
   */
  boolean pairSeen(int kind, int owner, int partner) {
    return pair(kind, owner, partner, true);
  }

  /** Returns whether {@code owner} met {@code partner} in relation {@code kind} before. */
  boolean pairKnown(int kind, int owner, int partner) {
    return pair(kind, owner, partner, false);
  }

  /**
   * The pair memory as the steps ask it, by owner (the side whose key asks) and other side. The
   * one-state engine keeps the order and kinds its snapshots were written in: money a mule or
   * victim paid is kept payer first, an account's reports as reports of its id's complement.
   */
  private boolean pair(int kind, int owner, int partner, boolean record) {
    OwnedPairs o = owned;
    if (o != null) {
      int table = OwnedPairs.table(isAccountOwned(kind));
      return record
          ? o.testAndSet(table, owner, kind, partner)
          : o.mightContain(table, owner, kind, partner);
    }
    int k = kind;
    int a = owner;
    int b = partner;
    if (kind == PAIR_MULE_PAY || kind == PAIR_VICTIM_PAY) {
      a = partner;
      b = owner;
    } else if (kind == PAIR_ACCOUNT_REPORT) {
      k = PAIR_REPORT;
      a = ~owner;
    }
    return record ? pairs.testAndSet(k, a, b) : pairs.mightContain(k, a, b);
  }

  private static boolean isAccountOwned(int kind) {
    return kind == PAIR_PAY
        || kind == PAIR_MULE_PAY
        || kind == PAIR_VICTIM_PAY
        || kind == PAIR_ACCOUNT_REPORT;
  }

  /** Returns the pairs account or phone row {@code owner} owns, in a share that keeps them so. */
  int[] ownedPairs(boolean account, int owner) {
    return owned == null ? new int[0] : owned.of(OwnedPairs.table(account), owner);
  }

  /** Puts back pairs {@link #ownedPairs} returned, under row {@code owner}. */
  void putBackPairs(boolean account, int owner, int[] fingerprints) {
    if (owned == null) {
      throw new IllegalStateException("this share keeps no pairs by owner");
    }
    owned.putBack(OwnedPairs.table(account), owner, fingerprints);
  }

  /**
   * Returns whether phone {@code p} was called by {@code q} before: q's own relation, or p's copy
   * when keyed.
   */
  boolean calledBy(int p, int q) {
    return stage != null ? pairKnown(PAIR_CALLED_BY, p, q) : pairs.mightContain(PAIR_CALL, q, p);
  }

  /**
   * Remembers at the callee that {@code q} was called by {@code p} (needed only where p's relation
   * is elsewhere).
   */
  void recordCalledBy(int q, int p) {
    if (stage != null) {
      pairSeen(PAIR_CALLED_BY, q, p);
    }
  }

  /**
   * Returns whether two phones have called each other, either way ({@code x}: a {@link #partner}).
   */
  boolean talked(int v, int x) {
    return stage != null
        ? pairKnown(PAIR_TALKED, v, x)
        : pairs.mightContain(PAIR_CALL, v, x) || pairs.mightContain(PAIR_CALL, x, v);
  }

  /**
   * Returns whether people keep whom they talked with ({@link #recordTalked}): only a keyed share
   * does; one state reads the call's own pair ({@link #talked}).
   */
  boolean keepsTalks() {
    return stage != null;
  }

  /** Remembers at person {@code v} that they talked with {@code x} (kept only when keyed). */
  void recordTalked(int v, int x) {
    if (keepsTalks()) {
      pairSeen(PAIR_TALKED, v, x);
    }
  }

  /** Returns whether the phone account {@code a} was registered with is known. */
  boolean hasAccountPhone(int a) {
    return stage != null ? accountPhones.containsKey(a) : accounts.phone(a) >= 0;
  }

  /** Returns the phone account {@code a} was registered with, or null for none known. */
  @Nullable String accountPhone(int a) {
    if (stage != null) {
      return accountPhones.get(a);
    }
    int p = accounts.phone(a);
    return p >= 0 ? phones.name(p) : null;
  }

  /**
   * Records that account {@code a} was registered with {@code phone} (null: none given, nothing
   * changes). Kept where it is read: the one-state engine and a keyed share's ACTOR stage.
   */
  void registerAccountPhone(int a, @Nullable String phone) {
    if (phone == null) {
      return;
    }
    if (stage == null) {
      accounts.phone(a, phones.intern(phone));
    } else if (stage == Stage.ACTOR) {
      accountPhones.put(a, phone);
    }
  }

  /** Returns the feature table of an entity kind. */
  public FeatureTable table(EntityKind kind) {
    return switch (kind) {
      case PHONE -> phones;
      case ACCOUNT -> accounts;
      case HOLDER -> holders;
      case DEVICE -> devices;
      default -> ips;
    };
  }

  /** Returns the radio cells named by calls (kept beside the entity kinds, never scored). */
  public CellTable cells() {
    return cells;
  }

  /** Returns the pair memory ("has this pair met before"). */
  public PairMemory pairs() {
    return pairs;
  }

  /** Returns the bytes the pair memory holds, by ids or by owner. */
  public long pairBytes() {
    return pairs.approxBytes() + (owned == null ? 0 : owned.approxBytes());
  }

  /** Returns the risk lists (black, white, reported targets). */
  public RiskLists lists() {
    return lists;
  }

  /** Returns the rule codes that stored reason masks name. */
  public RuleCodes codes() {
    return codes;
  }

  /** Returns the risk held for phones as people who may be being defrauded. */
  public PersonRisks persons() {
    return persons;
  }

  /** Returns the victim episodes and the warnings they raise. */
  public VictimWatch victims() {
    return victims;
  }

  /** Ends victim episodes that have gone quiet by {@code now}. */
  public void expireEpisodes(long now) {
    victims.expire(now, phones::longCallTs, phones::fraudContactTs);
  }
}

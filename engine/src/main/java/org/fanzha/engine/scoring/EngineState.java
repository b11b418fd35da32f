package org.fanzha.engine.scoring;

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
import org.fanzha.engine.features.NodeTable;
import org.fanzha.engine.features.PairMemory;
import org.fanzha.engine.features.PersonRisks;
import org.fanzha.engine.features.PhoneTable;
import org.fanzha.engine.lists.RiskLists;
import org.fanzha.engine.rules.RuleCodes;

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

  final PhoneTable phones;
  final AccountTable accounts;
  final HolderTable holders;
  final NodeTable devices;
  final NodeTable ips;
  final CellTable cells;
  final PairMemory pairs;
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
   * Whether this state is one stage's share of a keyed runner: relations are then kept on both
   * sides.
   */
  private boolean keyed;

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
    this.victims = new VictimWatch(0, phones::name);
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
    return IdleEntities.sweep(this, now, idleMs, keepScore).total();
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
    return s;
  }

  /**
   * Makes this state one key group's share of a stage in a keyed runner (decision 0023): relations
   * are kept on both sides, and people's steps read the copies of numbers the ACTOR stage sent
   * ({@link NumberCopies}).
   */
  public void keyed() {
    keyed = true;
    numbers = phone -> numberCopies.of(phones.name(phone));
  }

  /** Returns whether this state is one stage's share of a keyed runner ({@link #keyed}). */
  boolean isKeyed() {
    return keyed;
  }

  /**
   * Returns whether phone {@code p} was called by {@code q} before: q's own relation, or p's copy
   * when keyed.
   */
  boolean calledBy(int p, int q) {
    return keyed ? pairs.mightContain(PAIR_CALLED_BY, p, q) : pairs.mightContain(PAIR_CALL, q, p);
  }

  /**
   * Remembers at the callee that {@code q} was called by {@code p} (needed only where p's relation
   * is elsewhere).
   */
  void recordCalledBy(int q, int p) {
    if (keyed) {
      pairs.testAndSet(PAIR_CALLED_BY, q, p);
    }
  }

  /**
   * Returns whether two phones have called each other, either way ({@code -1}: an unknown phone,
   * no).
   */
  boolean talked(int v, int x) {
    if (x < 0) {
      return false;
    }
    return keyed
        ? pairs.mightContain(PAIR_TALKED, v, x)
        : pairs.mightContain(PAIR_CALL, v, x) || pairs.mightContain(PAIR_CALL, x, v);
  }

  /** Remembers at person {@code v} that they talked with {@code x} (kept only when keyed). */
  void recordTalked(int v, int x) {
    if (keyed) {
      pairs.testAndSet(PAIR_TALKED, v, x);
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

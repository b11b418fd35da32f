package org.fanzha.engine.features;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.IntConsumer;
import org.fanzha.core.event.Role;

/**
 * The state of one entity kind: identifiers interned to dense ids (held as bytes in an arena, see
 * {@link Interner}), every entity's features and held risk in a fixed-stride slice of paged {@code
 * int[]}s.
 */
public abstract class FeatureTable {
  /*
   * Design of the feature windows.
   *
   * 1. One slice per entity in pages of int[]. Entity i owns ints [j*stride, (j+1)*stride) of page
   *    i / 256, j = i mod 256. A slice holds scalar fields (holder link, card age, report counts …),
   *    rings of time buckets and distinct-count sketches, at offsets each subclass fixes once. There
   *    are no per-entity objects: the per-event path reads and writes primitives, allocates nothing
   *    and touches only the slices of the entities an event names (a phone slice is 252 bytes,
   *    four or five cache lines, its held risk included: score and roles in one int, the reason
   *    mask in two; decision 0043 measures what those reads cost). Caffeine's
   *    FrequencySketch packs its counters the same way. Pages of 256 entities (not one array grown
   *    by copying) keep unused capacity below one page per table, where a 1.5x growth policy left
   *    a sixth of the array idle on average, and growth copies nothing. Small counts that only meet
   *    small thresholds (reports, victim links, spoofed calls …) share an int as two 16-bit
   *    halves and saturate at 65,535 rather than wrap; flags and the fraud type share an int.
   *    Measured with EngineStateSize (10,000 and 50,000 people, 7 days, G1): the whole engine
   *    heap after GC went from 609 and 423 bytes per entity to about 245 and 238, of which
   *    features and risk are about 165, identifiers about 40 and the pair memory about 34.
   *
   * 2. Sliding windows are rings of buckets (Ring). The slice stores only the newest bucket number
   *    (the head) and the counters; the bucket number of every other slot follows from the head, so
   *    expiry costs nothing until an entity is touched again: moving the head forward clears the
   *    slots it passes over (at most the ring length), and reads skip slots that fell out of the
   *    window at the reading time. Event time is the only clock (the engine never reads the wall
   *    clock), so a replay scores exactly as the live run did. Events later than the whole window
   *    are not counted; slightly late ones land in their own bucket. Counts are 16-bit and
   *    saturate at 65,535 per bucket, far above any threshold, packed back to back (nine counters
   *    take 4.5 ints); amounts are 32-bit whole yuan per bucket (saturating at 4.29 billion yuan
   *    per account and bucket, as before: money is not narrowed further).
   *
   * 3. Distinct counts (callees, counterparties, holders per device) use linear counting on a small
   *    bitmap (Whang et al. 1990): n ≈ m·ln(m / zeros). With m = 128 bits the standard error is
   *    about 7% at 40 distinct items and 10% at 150, enough for thresholds of 3–40; beyond a few
   *    hundred it saturates at m·ln m (621). Estimates come from a precomputed table by zero
   *    count. Two generations (current and previous) give a sliding horizon of one to two
   *    generation lengths without storing timestamps per item.
   *    HyperLogLog would need more registers than these thresholds justify.
   *
   * 4. "Seen before" questions across entities (has this caller called this callee before? has
   *    this payer paid this payee?) go to one shared PairMemory, whose false positives only weaken
   *    evidence: by default a fingerprint set that grows with the pairs seen (PairFingerprints),
   *    or a fixed Bloom filter (PairFilter) when pairs.log2_bits sets its size.
   *
   * 5. Risk kept per entity is the peak score with the reasons (a bit mask of rule ids) and roles
   *    of that peak: risk stands until it is reviewed (a label, an appeal) rather than fading when
   *    a fraud number goes quiet.
   *
   * 6. Idle entities (decision 0027). Each entity keeps the second it was last interned (what an
   *    event or request naming it does) in the last word of its slice, beside the risk words that
   *    scoring reads anyway (a page of stamps apart cost a cache line more per entity and event
   *    and about a tenth of the engine's speed). An entity idle longer than
   *    the book's state.idle_days with nothing held against it can be forgotten: its slice is
   *    zeroed and its id goes to the next new entity, so the pages stay dense and the state of a
   *    stream whose entities come and go stops growing.
   */

  /**
   * Flag bits every kind has, at the same place: black-listed, white-listed (cleared), grey-listed,
   * dishonest.
   */
  public static final int FLAG_LISTED = 1;

  public static final int FLAG_WHITELISTED = 8;
  public static final int FLAG_GREY = 32;
  public static final int FLAG_DISHONEST = 64;

  /**
   * A phone card or account its holder gave up (a closing): it no longer counts among the cards and
   * accounts its holder holds, until opened again.
   */
  public static final int FLAG_CLOSED = 128;

  /**
   * Returns a hash of an identifier that depends on nothing but its characters ({@link
   * String#hashCode}, spread): what distinct counts record of the other party, so every runner, and
   * every share of a keyed one, counts the same (decision 0023).
   */
  public static int nameHash(String name) {
    return (int) (Interner.hash(name) >>> 32);
  }

  /** Returns the flag bits. */
  public abstract int flags(int id);

  /** Sets flag bits. */
  public abstract void setFlags(int id, int bits);

  /** Clears flag bits. */
  public abstract void clearFlags(int id, int bits);

  /** Seconds are stored relative to 2020-01-01T00:00Z so they fit an int until 2088. */
  public static final long EPOCH_BASE_MS = 1_577_836_800_000L;

  static final int PAGE_SHIFT = 8;
  static final int PAGE = 1 << PAGE_SHIFT;
  private static final int PAGE_MASK = PAGE - 1;

  protected final int stride;
  protected final Interner ids;
  private final int risk; // the three risk words after the subclass's fields
  private final int seenWord; // the slice's last word: the second the entity was last interned
  private int[][] pages;
  private final int firstPage; // entities a page holds when first made
  private Clock clock = new Clock();

  /**
   * The event time the tables of one engine stamp on the entities interned: set once per event,
   * shared by every table, so interning costs one store more.
   */
  public static final class Clock {
    int sec;

    /** Sets the time stamped from now on. */
    public void set(long ts) {
      sec = sec(ts);
    }
  }

  /**
   * Creates a table whose subclass lays out {@code words} ints per entity; the held risk (score and
   * roles in one int, the reason mask in two) follows them in the slice.
   */
  protected FeatureTable(int words, int expected) {
    this(words, expected, true);
  }

  /**
   * Creates a table of {@code words} ints per entity, with the three risk words after them when
   * {@code scored}; a table that is never scored (radio cells) leaves them out, and its risk
   * methods throw.
   */
  protected FeatureTable(int words, int expected, boolean scored) {
    this.risk = scored ? words : -1;
    this.stride = (scored ? words + 3 : words) + 1;
    this.seenWord = stride - 1;
    int cap = Math.max(16, expected);
    this.ids = new Interner(cap);
    this.pages = new int[Math.max(1, (cap + PAGE - 1) >>> PAGE_SHIFT)][];
    this.firstPage = Math.min(PAGE, cap);
  }

  /** Makes this table stamp the time of {@code shared} (one clock for all tables of an engine). */
  public final void useClock(Clock shared) {
    this.clock = shared;
  }

  /** Where a table learns the flags of an entity it meets for the first time (the risk lists). */
  @FunctionalInterface
  public interface FlagSource {
    /** Returns the flag bits {@code name} starts with (0: none). */
    int flagsOf(String name);
  }

  private @org.jspecify.annotations.Nullable FlagSource flagSource;

  /**
   * Gives every entity met from now on the flags {@code source} says (a listed number gets its flag
   * when it calls).
   */
  public final void flagsFrom(FlagSource source) {
    this.flagSource = source;
  }

  /** Returns the id of {@code name}, creating an empty entity when it is new. */
  public final int intern(String name) {
    int known = ids.live();
    int id = ids.intern(name);
    int p = id >>> PAGE_SHIFT;
    if (p >= pages.length) {
      pages = Arrays.copyOf(pages, p + (p >> 1) + 1); // references only
    }
    int[] page = pages[p];
    if (page == null || page.length <= base(id)) {
      pages[p] = grownPage(page, id & PAGE_MASK);
    }
    pages[p][base(id) + seenWord] = clock.sec;
    if (ids.live() != known) {
      int f = flagsByName(name) | (flagSource == null ? 0 : flagSource.flagsOf(name));
      if (f != 0) {
        setFlags(id, f);
      }
    }
    return id;
  }

  /**
   * Returns the flags an entity has by its name alone, from the moment it is met (0 for most
   * kinds): whatever step or request meets it first, in any runner, it is the same entity.
   */
  protected int flagsByName(String name) {
    return 0;
  }

  /**
   * Returns {@code page} (null: none yet) with room for entity {@code slot} of its page: a page
   * starts as small as its table (one key's share holds a handful of entities) and doubles up to
   * {@link #PAGE} entities.
   */
  private int[] grownPage(int @org.jspecify.annotations.Nullable [] page, int slot) {
    int held = page == null ? 0 : page.length / stride;
    int entities = Math.min(PAGE, Math.max(Math.max(slot + 1, held * 2), firstPage));
    int[] grown = new int[entities * stride];
    if (page != null) {
      System.arraycopy(page, 0, grown, 0, page.length);
    }
    return grown;
  }

  /** Returns the id of {@code name}, or -1 when it is unknown. */
  public final int find(String name) {
    return ids.find(name);
  }

  /** Returns the identifier of an id (decoded: a new String each call). */
  public final String name(int id) {
    return ids.name(id);
  }

  /** Returns the first byte of an identifier, or -1 when it is empty, without making a String. */
  public final int firstByte(int id) {
    return ids.firstByte(id);
  }

  /**
   * Returns the bound of the ids in use: every entity's id is below it; a forgotten one's slice is
   * all zeros.
   */
  public final int size() {
    return ids.size();
  }

  /** Returns the number of entities held. */
  public final int liveCount() {
    return ids.live();
  }

  /** Returns whether {@code id} is an entity held now (not forgotten, not free). */
  public final boolean isLive(int id) {
    return ids.isLive(id);
  }

  /** Returns the second ({@link #sec}) an entity was last interned, 0 if never stamped. */
  public final int lastSeen(int id) {
    return get(id, seenWord);
  }

  /**
   * Returns whether an entity holds nothing that must outlive its activity: no held score at or
   * above {@code keepScore}, no role, none of {@link #retainedFlags} (a kind never scored holds
   * only counts).
   */
  public boolean holdsNothing(int id, int keepScore) {
    return risk < 0
        || (flags(id) & retainedFlags()) == 0 && score(id) < keepScore && roleMask(id) == 0;
  }

  /**
   * The flag bits that keep an idle entity: listed, cleared, grey, dishonest, and what a kind adds.
   */
  protected int retainedFlags() {
    return FLAG_LISTED | FLAG_WHITELISTED | FLAG_GREY | FLAG_DISHONEST;
  }

  /** Returns the ints of one entity's slice: features, held risk, the second it was last seen. */
  public final int sliceWords() {
    return stride;
  }

  /** Returns whether the slices hold a risk (every kind but radio cells). */
  public final boolean scored() {
    return risk >= 0;
  }

  /** Copies entity {@code id}'s slice into {@code into} ({@link #sliceWords} long). */
  public final void copySlice(int id, int[] into) {
    System.arraycopy(page(id), base(id), into, 0, stride);
  }

  /**
   * Overwrites entity {@code id}'s slice with {@code from}: {@link #sliceWords} long, or shorter
   * when written before the kind gained words (its features first, then the risk words and the
   * stamp, which land at the end; the newer words read as 0, as {@link #read} widens a snapshot).
   *
   * @throws IllegalArgumentException when {@code from} is longer, or too short to hold the trailer
   */
  public final void pasteSlice(int id, int[] from) {
    if (!fitsSlice(from.length)) {
      throw new IllegalArgumentException(
          "a slice of " + from.length + " words, this kind has " + stride);
    }
    int trailer = trailerWords();
    int[] page = page(id);
    int b = base(id);
    Arrays.fill(page, b, b + stride, 0);
    System.arraycopy(from, 0, page, b, from.length - trailer);
    System.arraycopy(from, from.length - trailer, page, b + stride - trailer, trailer);
    if (from.length < stride) {
      widened(id);
    }
  }

  /**
   * Completes entity {@code id}'s slice, read from a narrower one written before the kind gained
   * words (they read as 0): words derived from older ones are derived here. Nothing by default.
   */
  protected void widened(int id) {}

  /**
   * Returns whether {@link #pasteSlice} takes a slice of {@code words}: no wider than this kind's,
   * and wide enough for the risk and the stamp.
   */
  public final boolean fitsSlice(int words) {
    return words <= stride && words >= trailerWords();
  }

  /**
   * Copies entity {@code id}'s slice into {@code into} as {@link #copySlice} does, with the words
   * that name other entities by their ids here ({@link #linkWords}) zeroed: a slice for another
   * engine, where those entities have other ids and the links are made again by name.
   */
  public final void copySliceUnlinked(int id, int[] into) {
    copySlice(id, into);
    for (int w : linkWords()) {
      into[w] = 0;
    }
  }

  private static final int[] NO_LINKS = {};

  /** The offsets of the slice words that hold another entity's id here (stored +1). */
  protected int[] linkWords() {
    return NO_LINKS;
  }

  /** Forgets an entity: its slice is zeroed and its id goes to the next new entity. */
  public final void forget(int id) {
    if (ids.remove(id)) {
      Arrays.fill(page(id), base(id), base(id) + stride, 0);
      forgotten.accept(id);
    }
  }

  private IntConsumer forgotten = id -> {};

  /**
   * Tells {@code listener} of every entity forgotten from now on: what is kept beside the rows by
   * id goes with them (decision 0041).
   */
  public final void onForget(IntConsumer listener) {
    forgotten = listener;
  }

  /** Returns the page holding an entity's slice. */
  protected final int[] page(int id) {
    return pages[id >>> PAGE_SHIFT];
  }

  /** Returns the slice start of an entity within its {@link #page}. */
  protected final int base(int id) {
    return (id & PAGE_MASK) * stride;
  }

  /** Returns an int field of an entity's slice. */
  final int get(int id, int field) {
    return page(id)[base(id) + field];
  }

  /** Sets an int field of an entity's slice. */
  final void set(int id, int field, int v) {
    page(id)[base(id) + field] = v;
  }

  /**
   * Keeps a count in a field as count + 1, so that 0 says "never counted" (a handset's or IP's
   * parties when the entity last used one); a negative count (not named) leaves the field as it is.
   */
  final void setCount(int id, int field, int count) {
    if (count >= 0) {
      set(id, field, count + 1);
    }
  }

  /** Returns a count kept by {@link #setCount}, or 0 when never counted. */
  final int count(int id, int field) {
    return Math.max(0, get(id, field) - 1);
  }

  /**
   * Turns a field that snapshots before format 10 held as another entity's id + 1 into that
   * entity's count + 1, as {@code countOf} gives it (the caller passes the time).
   */
  final void countFromId(int id, int field, java.util.function.IntUnaryOperator countOf) {
    int other = get(id, field) - 1;
    set(id, field, other >= 0 ? countOf.applyAsInt(other) + 1 : 0);
  }

  /** Returns the 16-bit half ({@code high} or low) of a field. */
  final int half(int id, int field, boolean high) {
    int v = get(id, field);
    return high ? v >>> 16 : v & 0xFFFF;
  }

  /** Adds one to a 16-bit half of a field, saturating at 65,535. */
  final void incHalf(int id, int field, boolean high) {
    int[] a = page(id);
    int i = base(id) + field;
    int shift = high ? 16 : 0;
    int v = (a[i] >>> shift) & 0xFFFF;
    if (v < 0xFFFF) {
      a[i] += 1 << shift;
    }
  }

  /** Takes one from a 16-bit half of a field, never below 0 (the undo of {@link #incHalf}). */
  final void decHalf(int id, int field, boolean high) {
    int[] a = page(id);
    int i = base(id) + field;
    int shift = high ? 16 : 0;
    if (((a[i] >>> shift) & 0xFFFF) > 0) {
      a[i] -= 1 << shift;
    }
  }

  /** Returns the held risk score (0–100). */
  public final int score(int id) {
    return (byte) get(id, riskWord()); // signed, as the byte it always was
  }

  private int riskWord() {
    if (risk < 0) {
      throw new UnsupportedOperationException("this table holds no risk");
    }
    return risk;
  }

  /** Returns the rule-id mask behind the held score. */
  public final long reasonMask(int id) {
    riskWord();
    int[] a = page(id);
    int i = base(id) + risk;
    return (long) a[i + 1] << 32 | (a[i + 2] & 0xFFFF_FFFFL);
  }

  /** Returns the suspected roles as a bit mask of {@link Role} ordinals. */
  public final int roleMask(int id) {
    return (byte) (get(id, riskWord()) >>> 8);
  }

  private void store(int id, int s, int roleBits, long mask) {
    riskWord();
    int[] a = page(id);
    int i = base(id) + risk;
    a[i] = (s & 0xFF) | (roleBits & 0xFF) << 8;
    a[i + 1] = (int) (mask >>> 32);
    a[i + 2] = (int) mask;
  }

  /**
   * Raises the held risk to {@code s} when it is at least the held score (the reasons then become
   * those of the new peak) and adds roles; returns whether the score rose. When the score reaches a
   * higher level band (low/medium/high/critical), roles suggested at lower bands are dropped, so
   * the roles shown are those the strongest evidence supports; roles suggested below the held band
   * are not added.
   */
  public final boolean raise(int id, int s, long mask, int roleBits) {
    int old = score(id);
    int word = raisedWord(old, roleMask(id), s, roleBits);
    store(id, (byte) word, word >>> 8, raisedMask(old, reasonMask(id), s, mask));
    return s > old;
  }

  /**
   * The score (low byte) and roles (next byte) held after {@link #raise} offered {@code s} and
   * {@code roleBits}.
   */
  static int raisedWord(int old, int heldRoles, int s, int roleBits) {
    int roles = heldRoles;
    if (s > old && band(s) > band(old)) {
      roles = (byte) roleBits;
    } else if (band(s) == band(old) || s == 0) {
      roles |= (byte) roleBits; // s == 0: a role given outright (a label)
    }
    int score = s > old || (s == old && s > 0) ? s : old;
    return (score & 0xFF) | (roles & 0xFF) << 8;
  }

  /**
   * The reasons held after {@link #raise}: the new peak's, both when it equals the held one, else
   * the held.
   */
  static long raisedMask(int old, long heldMask, int s, long mask) {
    return s > old ? mask : s == old && s > 0 ? heldMask | mask : heldMask;
  }

  private static int band(int s) {
    return s >= 90 ? 4 : s >= 70 ? 3 : s >= 40 ? 2 : s > 0 ? 1 : 0;
  }

  /** Sets the held risk outright (a label or a cleared appeal). */
  public final void setRisk(int id, int s, long mask, int roleBits) {
    store(id, (byte) s, (byte) roleBits, mask);
  }

  /** Returns whether the role bit is set. */
  public final boolean hasRole(int id, Role role) {
    return (roleMask(id) & (1 << role.ordinal())) != 0;
  }

  /** Returns a bit for a role in a role mask. */
  public static int bit(Role role) {
    return 1 << role.ordinal();
  }

  /** Returns the int-encoded seconds since {@link #EPOCH_BASE_MS} of an event time. */
  public static int sec(long ts) {
    return (int) Math.max(1, (ts - EPOCH_BASE_MS) / 1000);
  }

  /** Returns the epoch milliseconds of an int-encoded second. */
  public static long ms(int sec) {
    return EPOCH_BASE_MS + sec * 1000L;
  }

  /** Returns the heap used by features and risk per entity, in bytes (excluding ids). */
  public final int bytesPerEntityFeatures() {
    return stride * 4;
  }

  /**
   * Returns the bytes of the feature and risk pages as allocated (including the last page's free
   * slices).
   */
  public final long featureBytes() {
    long b = 16L + pages.length * 4L;
    for (int[] p : pages) {
      if (p != null) {
        b += 16L + p.length * 4L;
      }
    }
    return b;
  }

  /** Returns the bytes of the identifier arena and its id table as allocated. */
  public final long idArenaBytes() {
    return ids.arenaBytes();
  }

  /** Returns the bytes of the identifier hash table as allocated. */
  public final long idTableBytes() {
    return ids.tableBytes();
  }

  /** Returns the approximate heap held: features, risk, identifiers, unused capacity included. */
  public final long approxBytes() {
    return featureBytes() + ids.approxBytes();
  }

  /**
   * Writes this table (ids, features, risk, when each entity was last seen), forgotten ids as gaps.
   */
  public final void write(DataOutputStream out) throws IOException {
    int n = size();
    out.writeInt(stride);
    out.writeInt(n);
    for (int i = 0; i < n; i++) {
      if (ids.isLive(i)) {
        ids.writeName(out, i);
      } else {
        out.writeInt(-1);
      }
    }
    Snapshots.writeInts(out, ids.freeIds(), ids.freeIds().length);
    out.writeInt(n * stride);
    for (int p = 0; p * PAGE < n; p++) {
      Snapshots.writeIntsRaw(out, pages[p], Math.min(PAGE, n - p * PAGE) * stride);
    }
  }

  /**
   * Reads a table written by {@link #write} in snapshot format {@code version} into this empty one;
   * before format 14 nothing was forgotten and no entity kept when it was last seen, so each is
   * taken as seen at {@code clock}, the snapshot's time.
   */
  public final void read(DataInputStream in, int version, long clock) throws IOException {
    if (size() != 0) {
      throw new IllegalStateException("read into a table that is not empty");
    }
    int s = in.readInt();
    int trailer =
        version >= 14 ? trailerWords() : riskWords(); // risk words, then (from 14) the stamp
    if (s > stride || s < trailer) {
      throw new IOException("snapshot has stride " + s + ", this engine " + stride);
    }
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      int len = in.readInt();
      if (len == -1 && version >= 14) {
        continue; // a forgotten entity's id, free
      }
      if (len < 0) {
        throw new IOException("negative identifier length in snapshot: " + len);
      }
      byte[] b = new byte[len];
      in.readFully(b);
      try {
        ids.restore(i, new String(b, java.nio.charset.StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new IOException("snapshot repeats an identifier", e);
      }
    }
    ids.restoreFree(n, version >= 14 ? Snapshots.readInts(in) : new int[0]);
    pages = new int[Math.max(1, (n + PAGE - 1) >>> PAGE_SHIFT)][];
    for (int p = 0; p * PAGE < n; p++) {
      pages[p] = grownPage(null, Math.min(PAGE, n - p * PAGE) - 1);
    }
    if (in.readInt() != n * s) {
      throw new IOException("snapshot feature length does not match " + n + " entities");
    }
    if (s == stride && version >= 14) {
      for (int p = 0; p * PAGE < n; p++) {
        Snapshots.readIntsRaw(in, pages[p], Math.min(PAGE, n - p * PAGE) * stride);
      }
      return;
    }
    widen(in, n, s, trailer);
    if (version < 14) {
      int stamp = sec(clock);
      for (int id = 0; id < n; id++) {
        set(id, seenWord, stamp);
      }
    }
  }

  /**
   * Reads slices of {@code oldStride} ints whose last {@code oldTrailer} are the trailer (the risk
   * words, and from format 14 the stamp), written before a kind gained words: its newer words come
   * after the older ones and before the trailer, and read as 0.
   */
  private void widen(DataInputStream in, int n, int oldStride, int oldTrailer) throws IOException {
    int kept = oldStride - oldTrailer;
    int[] old = new int[PAGE * oldStride];
    for (int p = 0; p * PAGE < n; p++) {
      int m = Math.min(PAGE, n - p * PAGE);
      Snapshots.readIntsRaw(in, old, m * oldStride);
      for (int j = 0; j < m; j++) {
        System.arraycopy(old, j * oldStride, pages[p], j * stride, kept);
        System.arraycopy(
            old, j * oldStride + kept, pages[p], (j + 1) * stride - trailerWords(), oldTrailer);
        widened(p * PAGE + j);
      }
    }
  }

  /** The words at the end of every slice: the risk words (scored kinds), then the stamp. */
  private int trailerWords() {
    return riskWords() + 1;
  }

  private int riskWords() {
    return risk < 0 ? 0 : 3;
  }
}

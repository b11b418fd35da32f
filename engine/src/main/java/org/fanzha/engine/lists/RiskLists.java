package org.fanzha.engine.lists;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.Role;
import org.fanzha.core.id.Urls;
import org.fanzha.engine.features.FeatureTable;
import org.fanzha.engine.features.Interner;
import org.fanzha.engine.features.Snapshots;
import org.jspecify.annotations.Nullable;

/**
 * What the lists say about each entity: black (confirmed fraud numbers, mules, card dealers, from
 * {@code label} and {@code listing} events), white (confirmed normal, e.g. after an appeal), grey
 * (watched, not blocked), dishonest (失信名单, people); the domains, URLs and apps black-listed; those
 * the public reported. A label {@code normal} moves an entity from black to white at once (第32条: a
 * cleared appeal lifts the restriction immediately); a {@code listing} lift takes one standing off.
 * The entries' provenance (who, why, until when) is kept by the server's store; the engine keeps
 * what scoring needs. Not thread-safe: owned by one engine.
 *
 * <p>Memory. A province's lists run to millions of entries, most of them numbers and accounts the
 * engine has not seen in traffic. They are kept apart from the feature tables (a listed entity gets
 * a feature slice only when an event names it; {@link #flagsOf} gives it its flags then), each kind
 * in an {@link Interner} (the identifier once as UTF-8 in an arena, exact look-up) with one int of
 * standing per id: about 40 bytes an entry, measured by {@code ListLookupBenchmark}.
 */
public final class RiskLists {

  /** What a list holds about one entity. */
  public record Listing(Role role, @Nullable FraudType fraudType) {}

  // standing: bits 0..7 black role ordinal + 1, 8..15 fraud type ordinal + 1, then white, grey,
  // dishonest
  private static final int BLACK = 0xFFFF;
  private static final int WHITE = 1 << 16;
  private static final int GREY = 1 << 17;
  private static final int DISHONEST = 1 << 18;

  private final Map<EntityKind, Standings> byKind = new EnumMap<>(EntityKind.class);
  private final Object2IntOpenHashMap<String> reportedTargets = new Object2IntOpenHashMap<>();
  private final Object2IntOpenHashMap<String> listedTargets = new Object2IntOpenHashMap<>();

  /** One kind's identifiers and their standing. */
  private static final class Standings {
    final Interner ids;
    int[] standing;

    Standings(int expected) {
      ids = new Interner(expected);
      standing = new int[expected];
    }

    int[] count = new int[4]; // black, white, grey, dishonest, for statistics

    int get(String name) {
      int id = ids.find(name);
      return id < 0 ? 0 : standing[id];
    }

    void set(String name, int value) {
      int id = value == 0 ? ids.find(name) : ids.intern(name);
      if (id < 0) {
        return;
      }
      if (id >= standing.length) {
        standing =
            Arrays.copyOf(standing, Math.max(id + 1, standing.length + (standing.length >> 1)));
      }
      tally(standing[id], -1);
      standing[id] = value;
      tally(value, 1);
    }

    /** Forgets an entity's standing and its name (what {@link #set} to 0 keeps). */
    void remove(String name) {
      int id = ids.find(name);
      if (id >= 0) {
        tally(standing[id], -1);
        standing[id] = 0;
        ids.remove(id);
      }
    }

    void tally(int v, int d) {
      count[0] += (v & BLACK) != 0 ? d : 0;
      count[1] += (v & WHITE) != 0 ? d : 0;
      count[2] += (v & GREY) != 0 ? d : 0;
      count[3] += (v & DISHONEST) != 0 ? d : 0;
    }
  }

  /** Creates empty lists. */
  public RiskLists() {
    this(1 << 10);
  }

  /**
   * Creates empty lists sized for {@code expected} entries of each kind (a few: one key's share of
   * a keyed runner).
   */
  public RiskLists(int expected) {
    for (EntityKind k : EntityKind.values()) {
      byKind.put(k, new Standings(Math.max(16, expected)));
    }
  }

  /**
   * Records a confirmed outcome: a fraud role black-lists the entity (and takes it off the white
   * list); {@code normal} white-lists it (and takes it off the black list); {@code victim} is not a
   * list entry and is ignored here.
   */
  public void apply(EntityKind kind, String entity, Role role, @Nullable FraudType fraudType) {
    Standings s = standings(kind);
    int v = Objects.requireNonNull(s).get(entity);
    if (role == Role.NORMAL) {
      s.set(entity, (v & ~BLACK) | WHITE);
    } else if (role != Role.VICTIM) {
      s.set(
          entity,
          (v & ~(BLACK | WHITE))
              | (role.ordinal() + 1)
              | (fraudType == null ? 0 : (fraudType.ordinal() + 1) << 8));
    }
  }

  /** Takes an entity off the black list (true) or the white list (false), if it is on it. */
  public void lift(EntityKind kind, String entity, boolean black) {
    Standings s = standings(kind);
    s.set(entity, s.get(entity) & ~(black ? BLACK : WHITE));
  }

  /** Puts an entity on the grey list or takes it off. */
  public void grey(EntityKind kind, String entity, boolean on) {
    mark(kind, entity, GREY, on);
  }

  /** Returns whether the entity is grey-listed. */
  public boolean isGrey(EntityKind kind, String entity) {
    return (standings(kind).get(entity) & GREY) != 0;
  }

  /** Puts a person (resident ID) on the dishonest list or takes them off. */
  public void dishonest(String holder, boolean on) {
    mark(EntityKind.HOLDER, holder, DISHONEST, on);
  }

  /** Returns whether a person is on the dishonest list. */
  public boolean isDishonest(String holder) {
    return (standings(EntityKind.HOLDER).get(holder) & DISHONEST) != 0;
  }

  private void mark(EntityKind kind, String entity, int bit, boolean on) {
    Standings s = standings(kind);
    int v = Objects.requireNonNull(s).get(entity);
    s.set(entity, on ? v | bit : v & ~bit);
  }

  /**
   * Returns the feature-table flags the lists give an entity ({@link FeatureTable#FLAG_LISTED},
   * {@code FLAG_WHITELISTED}, {@code FLAG_GREY}, {@code FLAG_DISHONEST}): what a table sets when it
   * first meets the entity.
   */
  public int flagsOf(EntityKind kind, String entity) {
    int v = standings(kind).get(entity);
    if (v == 0) {
      return 0;
    }
    return ((v & BLACK) != 0 ? FeatureTable.FLAG_LISTED : 0)
        | ((v & WHITE) != 0 ? FeatureTable.FLAG_WHITELISTED : 0)
        | ((v & GREY) != 0 ? FeatureTable.FLAG_GREY : 0)
        | ((v & DISHONEST) != 0 ? FeatureTable.FLAG_DISHONEST : 0);
  }

  /**
   * Returns an entity's whole standing on the lists as one int (0: on none), what {@link
   * #restoreStanding} takes back: a keyed runner keeps it with the entity's state (decision 0038).
   */
  public int standing(EntityKind kind, String entity) {
    return standings(kind).get(entity);
  }

  /** Hands {@code each} every entity of {@code kind} with a standing on some list. */
  public void forEachStanding(EntityKind kind, java.util.function.Consumer<String> each) {
    Standings s = standings(kind);
    for (int id = 0, n = Math.min(s.standing.length, s.ids.size()); id < n; id++) {
      if (s.standing[id] != 0 && s.ids.isLive(id)) {
        each.accept(s.ids.name(id));
      }
    }
  }

  /** Puts back a standing {@link #standing} returned; 0 forgets the entity's. */
  public void restoreStanding(EntityKind kind, String entity, int standing) {
    Standings s = standings(kind);
    if (standing == 0) {
      s.remove(entity);
    } else {
      s.set(entity, standing);
    }
  }

  /** Returns whether the entity is black-listed. */
  public boolean mightBeListed(EntityKind kind, String entity) {
    return (standings(kind).get(entity) & BLACK) != 0;
  }

  /** Returns whether the entity was confirmed normal. */
  public boolean isCleared(EntityKind kind, String entity) {
    return (standings(kind).get(entity) & WHITE) != 0;
  }

  /** Returns the black listing of an entity, if any. */
  public Optional<Listing> listing(EntityKind kind, String entity) {
    int v = standings(kind).get(entity);
    if ((v & BLACK) == 0) {
      return Optional.empty();
    }
    int ft = (v >>> 8) & 0xFF;
    return Optional.of(
        new Listing(Role.values()[(v & 0xFF) - 1], ft == 0 ? null : FraudType.values()[ft - 1]));
  }

  /** Returns how many entities of a kind are black-listed. */
  public int blackListed(EntityKind kind) {
    return standings(kind).count[0];
  }

  /** Black-lists a domain, URL or app package (as given, trimmed and lower-cased), or lifts it. */
  public void listTarget(String target, boolean on) {
    if (on) {
      listedTargets.put(normalise(target), 1);
    } else {
      listedTargets.removeInt(normalise(target));
    }
  }

  /**
   * Returns whether a URL or app is black-listed: the value itself, or for a URL its host (a listed
   * domain covers its sub-domains).
   */
  public boolean targetListed(String target) {
    if (listedTargets.isEmpty()) {
      return false;
    }
    String t = normalise(target);
    if (listedTargets.containsKey(t)) {
      return true;
    }
    for (String host = Urls.host(t); host != null; host = Urls.parentDomain(host)) {
      if (listedTargets.containsKey(host)) {
        return true;
      }
    }
    return false;
  }

  /** Records a reported URL or app (as given, trimmed and lower-cased). */
  public void reportTarget(String target) {
    reportedTargets.addTo(normalise(target), 1);
  }

  /** Returns how many reports named this URL or app (0 when none). */
  public int targetReports(String target) {
    return reportedTargets.getInt(normalise(target));
  }

  private static String normalise(String s) {
    return s.trim().toLowerCase(java.util.Locale.ROOT);
  }

  /** Returns an estimate of the bytes held: the interners, the standing arrays, the target maps. */
  public long approxBytes() {
    long b = 0;
    for (Standings s : byKind.values()) {
      b += s.ids.approxBytes() + 16L + 4L * s.standing.length;
    }
    return b + mapBytes(reportedTargets) + mapBytes(listedTargets);
  }

  private static long mapBytes(Object2IntOpenHashMap<String> m) {
    long b = 64;
    for (String k : m.keySet()) {
      b += 40 + k.length() + 11;
    }
    return b;
  }

  /**
   * Writes the lists: per kind the entities with a standing, in name order (a restored engine
   * writes the same bytes).
   */
  public void write(DataOutputStream out) throws IOException {
    for (EntityKind k : EntityKind.values()) {
      Standings s = standings(k);
      String[] names = new String[s.ids.size()];
      int n = 0;
      for (int id = 0; id < s.ids.size(); id++) {
        if (s.standing[id] != 0) {
          names[n++] = s.ids.name(id);
        }
      }
      Arrays.sort(names, 0, n);
      out.writeInt(n);
      for (int i = 0; i < n; i++) {
        Snapshots.writeString(out, names[i]);
        out.writeInt(s.get(names[i]));
      }
    }
    writeMap(out, reportedTargets);
    writeMap(out, listedTargets);
  }

  /**
   * Writes the reported and listed sites and apps alone: what is the same for every entity, which a
   * runner that keeps entities apart keeps with its key group.
   */
  public void writeTargets(DataOutputStream out) throws IOException {
    writeMap(out, reportedTargets);
    writeMap(out, listedTargets);
  }

  /** Reads what {@link #writeTargets} wrote, in place of the sites and apps held. */
  public void readTargets(DataInputStream in) throws IOException {
    reportedTargets.clear();
    listedTargets.clear();
    readMap(in, reportedTargets);
    readMap(in, listedTargets);
  }

  /**
   * Reads lists written by {@link #write} in engine snapshot format {@code version} (before 7:
   * black and white only).
   */
  public static RiskLists read(DataInputStream in, int version) throws IOException {
    RiskLists l = new RiskLists();
    for (EntityKind k : EntityKind.values()) {
      Standings s = l.standings(k);
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        String name = Snapshots.readString(in);
        int v = in.readInt();
        s.set(name, version >= 7 ? v : v == -1 ? WHITE : v); // before 7, -1 meant white
      }
    }
    readMap(in, l.reportedTargets);
    if (version >= 7) {
      readMap(in, l.listedTargets);
    }
    return l;
  }

  private static void writeMap(DataOutputStream out, Object2IntOpenHashMap<String> m)
      throws IOException {
    String[] keys = m.keySet().toArray(new String[0]);
    Arrays.sort(keys);
    out.writeInt(keys.length);
    for (String k : keys) {
      Snapshots.writeString(out, k);
      out.writeInt(m.getInt(k));
    }
  }

  private static void readMap(DataInputStream in, Object2IntOpenHashMap<String> m)
      throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      m.put(Snapshots.readString(in), in.readInt());
    }
  }

  /** The standings of a kind (every kind has them). */
  private Standings standings(EntityKind k) {
    return Objects.requireNonNull(byKind.get(k));
  }
}

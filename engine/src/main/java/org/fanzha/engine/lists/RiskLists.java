package org.fanzha.engine.lists;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.fanzha.core.event.EntityKind;
import org.fanzha.core.event.FraudType;
import org.fanzha.core.event.Role;
import org.fanzha.core.id.Urls;
import org.fanzha.engine.features.Snapshots;
import org.jspecify.annotations.Nullable;

/**
 * The black list (confirmed fraud numbers, mules, card dealers, from {@code label} and {@code listing} events), the
 * white list (entities confirmed normal, e.g. after an appeal), the grey list (watched, not blocked), the dishonest
 * list of people (失信名单), the domains, URLs and apps black-listed, and those the public reported. A label {@code
 * normal} moves an entity from black to white at once (第32条: a cleared appeal lifts the restriction immediately); a
 * {@code listing} lift takes one entry off. The entries' provenance (who, why, until when) is kept by the server's
 * store; the engine keeps what scoring needs. Not thread-safe: owned by one engine.
 */
public final class RiskLists {

  /** What a list holds about one entity. */
  public record Listing(Role role, @Nullable FraudType fraudType) {}

  private static final int WHITE = -1;

  // value: role ordinal + 1, fraud type ordinal + 1 in bits 8..15; WHITE for white-listed
  private final Map<EntityKind, Object2IntOpenHashMap<String>> byKind = new EnumMap<>(EntityKind.class);
  private final Object2IntOpenHashMap<String> reportedTargets = new Object2IntOpenHashMap<>();
  // grey-listed entities, the dishonest list (holders) and black-listed domains, URLs and apps: value 1
  private final Map<EntityKind, Object2IntOpenHashMap<String>> grey = new EnumMap<>(EntityKind.class);
  private final Object2IntOpenHashMap<String> dishonest = new Object2IntOpenHashMap<>();
  private final Object2IntOpenHashMap<String> listedTargets = new Object2IntOpenHashMap<>();

  /** Creates empty lists. */
  public RiskLists() {
    for (EntityKind k : EntityKind.values()) {
      byKind.put(k, new Object2IntOpenHashMap<>());
      grey.put(k, new Object2IntOpenHashMap<>());
    }
  }

  /**
   * Records a confirmed outcome: a fraud role black-lists the entity; {@code normal} white-lists
   * it (and removes any black listing); {@code victim} is not a list entry and is ignored here.
   */
  public void apply(EntityKind kind, String entity, Role role, @Nullable FraudType fraudType) {
    Object2IntOpenHashMap<String> m = byKind.get(kind);
    if (role == Role.NORMAL) {
      m.put(entity, WHITE);
    } else if (role != Role.VICTIM) {
      m.put(entity, (role.ordinal() + 1) | (fraudType == null ? 0 : (fraudType.ordinal() + 1) << 8));
    }
  }

  /** Takes an entity off the black list (true) or the white list (false), if it is on it. */
  public void lift(EntityKind kind, String entity, boolean black) {
    Object2IntOpenHashMap<String> m = byKind.get(kind);
    int v = m.getInt(entity);
    if (black ? v > 0 : v == WHITE) {
      m.removeInt(entity);
    }
  }

  /** Puts an entity on the grey list or takes it off. */
  public void grey(EntityKind kind, String entity, boolean on) {
    mark(grey.get(kind), entity, on);
  }

  /** Returns whether the entity is grey-listed. */
  public boolean isGrey(EntityKind kind, String entity) {
    return grey.get(kind).containsKey(entity);
  }

  /** Puts a person (resident ID) on the dishonest list or takes them off. */
  public void dishonest(String holder, boolean on) {
    mark(dishonest, holder, on);
  }

  /** Returns whether a person is on the dishonest list. */
  public boolean isDishonest(String holder) {
    return dishonest.containsKey(holder);
  }

  /** Black-lists a domain, URL or app package (as given, trimmed and lower-cased), or lifts it. */
  public void listTarget(String target, boolean on) {
    mark(listedTargets, normalise(target), on);
  }

  /**
   * Returns whether a URL or app is black-listed: the value itself, or for a URL its host (a listed domain covers its
   * sub-domains).
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

  private static void mark(Object2IntOpenHashMap<String> m, String key, boolean on) {
    if (on) {
      m.put(key, 1);
    } else {
      m.removeInt(key);
    }
  }

  /** Returns whether the entity is black-listed. */
  public boolean mightBeListed(EntityKind kind, String entity) {
    return byKind.get(kind).getInt(entity) > 0;
  }

  /** Returns whether the entity was confirmed normal. */
  public boolean isCleared(EntityKind kind, String entity) {
    return byKind.get(kind).getInt(entity) == WHITE;
  }

  /** Returns the black listing of an entity, if any. */
  public Optional<Listing> listing(EntityKind kind, String entity) {
    int v = byKind.get(kind).getInt(entity);
    if (v <= 0) {
      return Optional.empty();
    }
    int ft = (v >>> 8) & 0xFF;
    return Optional.of(new Listing(Role.values()[(v & 0xFF) - 1], ft == 0 ? null : FraudType.values()[ft - 1]));
  }

  /** Returns how many entities of a kind are black-listed. */
  public int blackListed(EntityKind kind) {
    int n = 0;
    for (int v : byKind.get(kind).values()) {
      if (v > 0) {
        n++;
      }
    }
    return n;
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

  /**
   * Returns an estimate of the bytes held: per entry a String (~40 bytes of header and fields plus
   * its characters) and two map slots (key reference and int value at the maps' 3/4 load).
   */
  public long approxBytes() {
    long b = 0;
    for (EntityKind k : EntityKind.values()) {
      b += mapBytes(byKind.get(k)) + mapBytes(grey.get(k));
    }
    return b + mapBytes(reportedTargets) + mapBytes(dishonest) + mapBytes(listedTargets);
  }

  private static long mapBytes(Object2IntOpenHashMap<String> m) {
    long b = 64;
    for (String k : m.keySet()) {
      b += 40 + k.length() + 11;
    }
    return b;
  }

  /** Writes the lists. */
  public void write(DataOutputStream out) throws IOException {
    for (EntityKind k : EntityKind.values()) {
      writeMap(out, byKind.get(k));
    }
    writeMap(out, reportedTargets);
    for (EntityKind k : EntityKind.values()) {
      writeMap(out, grey.get(k));
    }
    writeMap(out, dishonest);
    writeMap(out, listedTargets);
  }

  /** Reads lists written by {@link #write} in engine snapshot format {@code version} (before 7: no grey list, …). */
  public static RiskLists read(DataInputStream in, int version) throws IOException {
    RiskLists l = new RiskLists();
    for (EntityKind k : EntityKind.values()) {
      readMap(in, l.byKind.get(k));
    }
    readMap(in, l.reportedTargets);
    if (version >= 7) {
      for (EntityKind k : EntityKind.values()) {
        readMap(in, l.grey.get(k));
      }
      readMap(in, l.dishonest);
      readMap(in, l.listedTargets);
    }
    return l;
  }

  private static void writeMap(DataOutputStream out, Object2IntOpenHashMap<String> m) throws IOException {
    // keys sorted, not in hash order (which depends on the map's history): a restored engine
    // then writes the same bytes
    String[] keys = m.keySet().toArray(new String[0]);
    java.util.Arrays.sort(keys);
    out.writeInt(keys.length);
    for (String k : keys) {
      Snapshots.writeString(out, k);
      out.writeInt(m.getInt(k));
    }
  }

  private static void readMap(DataInputStream in, Object2IntOpenHashMap<String> m) throws IOException {
    int n = in.readInt();
    for (int i = 0; i < n; i++) {
      m.put(Snapshots.readString(in), in.readInt());
    }
  }
}

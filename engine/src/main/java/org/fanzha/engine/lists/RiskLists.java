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
import org.fanzha.engine.features.Snapshots;
import org.jspecify.annotations.Nullable;

/**
 * The black list (confirmed fraud numbers, mules, card dealers, from {@code label} events), the
 * white list (entities confirmed normal, e.g. after an appeal) and the URLs and apps the public
 * reported. A label {@code normal} moves an entity from black to white at once (第32条: a cleared
 * appeal lifts the restriction immediately). Not thread-safe: owned by one engine.
 */
public final class RiskLists {

  /** What a list holds about one entity. */
  public record Listing(Role role, @Nullable FraudType fraudType) {}

  private static final int WHITE = -1;

  // value: role ordinal + 1, fraud type ordinal + 1 in bits 8..15; WHITE for white-listed
  private final Map<EntityKind, Object2IntOpenHashMap<String>> byKind = new EnumMap<>(EntityKind.class);
  private final Object2IntOpenHashMap<String> reportedTargets = new Object2IntOpenHashMap<>();

  /** Creates empty lists. */
  public RiskLists() {
    for (EntityKind k : EntityKind.values()) {
      byKind.put(k, new Object2IntOpenHashMap<>());
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
    for (Object2IntOpenHashMap<String> m : byKind.values()) {
      b += mapBytes(m);
    }
    return b + mapBytes(reportedTargets);
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
  }

  /** Reads lists written by {@link #write}. */
  public static RiskLists read(DataInputStream in) throws IOException {
    RiskLists l = new RiskLists();
    for (EntityKind k : EntityKind.values()) {
      readMap(in, l.byKind.get(k));
    }
    readMap(in, l.reportedTargets);
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

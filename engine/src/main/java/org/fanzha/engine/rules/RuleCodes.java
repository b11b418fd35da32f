package org.fanzha.engine.rules;

import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fanzha.core.reason.Reason;
import org.fanzha.engine.rules.file.RuleSpec;
import org.jspecify.annotations.Nullable;

/*
 * Design. Entities keep the rules that last fired for them as a 64-bit mask. Rule sets change
 * (versions are published, rolled back), so a mask cannot mean "rule i of the current set": the
 * same bits would name other rules after a swap. Instead every rule code gets one bit per kind the
 * first time any rule book uses it, for good; a mask means the same codes whatever book is in force,
 * and a swap costs nothing per entity. A bit keeps the latest reason text and weight of its code, so
 * an entity last scored under a retired rule still explains itself. 64 codes per kind over the
 * engine's life; a book that would need more is refused with the reason.
 */

/** The engine's lasting assignment of rule codes to mask bits, per entity kind. */
public final class RuleCodes {

  private final Map<RuleSpec.Kind, Registry> kinds = new EnumMap<>(RuleSpec.Kind.class);

  public RuleCodes() {
    for (RuleSpec.Kind k : RuleSpec.Kind.scored()) {
      kinds.put(k, new Registry());
    }
  }

  /**
   * Gives every code of {@code book} its bit and returns, per kind, the bit of each rule index;
   * changes nothing when a kind would need more than 64 codes.
   *
   * @throws IllegalArgumentException naming the kind when its codes would pass 64
   */
  public Map<RuleSpec.Kind, long[]> adopt(RuleBook book) {
    for (RuleSpec.Kind k : RuleSpec.Kind.scored()) {
      Registry r = registry(k);
      int fresh = 0;
      for (Rule rule : book.rules(k).rules()) {
        if (r.indexOf(rule.code()) < 0) {
          fresh++;
        }
      }
      if (r.codes.size() + fresh > 64) {
        throw new IllegalArgumentException(
            "the engine has seen "
                + r.codes.size()
                + " rule codes for "
                + k.wireName()
                + " and this rule set adds "
                + fresh
                + "; at most 64 codes per kind can be told apart");
      }
    }
    Map<RuleSpec.Kind, long[]> bits = new EnumMap<>(RuleSpec.Kind.class);
    for (RuleSpec.Kind k : RuleSpec.Kind.scored()) {
      Registry r = registry(k);
      List<Rule> rules = book.rules(k).rules();
      long[] b = new long[rules.size()];
      for (int i = 0; i < rules.size(); i++) {
        b[i] = 1L << r.assign(rules.get(i));
      }
      r.forgetLists();
      bits.put(k, b);
    }
    return bits;
  }

  /** Returns the mask of lasting bits for a mask of rule indexes. */
  public static long toBits(long indexMask, long[] bitOfIndex) {
    long out = 0;
    for (long m = indexMask; m != 0; m &= m - 1) {
      out |= bitOfIndex[Long.numberOfTrailingZeros(m)];
    }
    return out;
  }

  /**
   * Returns the reasons of a mask of lasting bits, strongest evidence first, mitigations last; the
   * same immutable list for the same mask (cached, so decisions need not build one per event).
   */
  public List<Reason> reasons(RuleSpec.Kind kind, long bits) {
    return registry(kind).reasons(bits);
  }

  /** Returns the code of a lasting bit of a kind, or null when it is not assigned. */
  public @Nullable String code(RuleSpec.Kind kind, int bit) {
    List<String> codes = registry(kind).codes;
    return bit < codes.size() ? codes.get(bit) : null;
  }

  /** Returns the lasting bit of a code of a kind, or -1 when no book in force so far used it. */
  public int bit(RuleSpec.Kind kind, String code) {
    return registry(kind).indexOf(code);
  }

  /** Writes the assignment (codes, latest reasons and weights) for a snapshot. */
  public void write(DataOutput out) throws IOException {
    for (RuleSpec.Kind k : RuleSpec.Kind.scored()) {
      Registry r = registry(k);
      out.writeInt(r.codes.size());
      for (int i = 0; i < r.codes.size(); i++) {
        Reason reason = r.reasons.get(i);
        out.writeUTF(r.codes.get(i));
        out.writeUTF(reason.textZh());
        out.writeUTF(reason.textEn());
        out.writeInt(r.weights.get(i));
      }
    }
  }

  /** Reads what {@link #write} wrote into this (empty) assignment. */
  public void read(DataInput in) throws IOException {
    for (RuleSpec.Kind k : RuleSpec.Kind.scored()) {
      Registry r = registry(k);
      int n = in.readInt();
      if (n < 0 || n > 64) {
        throw new IOException("corrupt rule code table: " + n + " codes for " + k.wireName());
      }
      for (int i = 0; i < n; i++) {
        String code = in.readUTF();
        Reason reason = new Reason(code, in.readUTF(), in.readUTF());
        Objects.requireNonNull(r).codes.add(code);
        r.reasons.add(reason);
        r.weights.add(in.readInt());
      }
    }
  }

  private static final class Registry {
    final List<String> codes = new ArrayList<>();
    final List<Reason> reasons = new ArrayList<>();
    final List<Integer> weights = new ArrayList<>();
    final Long2ObjectOpenHashMap<List<Reason>> cache = new Long2ObjectOpenHashMap<>();
    // the lists asked for lately, one per slot by the mask's hash: a decision reads one slot, where
    // the whole cache's probe (hashing, a table of every mask ever seen) cost several times that
    final Known[] recent = new Known[RECENT];

    void forgetLists() {
      cache.clear();
      Arrays.fill(recent, null);
    }

    int indexOf(String code) {
      return codes.indexOf(code);
    }

    int assign(Rule rule) {
      int i = codes.indexOf(rule.code());
      if (i < 0) {
        codes.add(rule.code());
        reasons.add(rule.reason());
        weights.add(rule.weight());
        return codes.size() - 1;
      }
      reasons.set(i, rule.reason());
      weights.set(i, rule.weight());
      return i;
    }

    List<Reason> reasons(long bits) {
      int slot = (int) ((bits * 0x9E37_79B9_7F4A_7C15L) >>> (64 - RECENT_BITS));
      Known k = recent[slot];
      if (k != null && k.bits == bits) {
        return k.reasons;
      }
      List<Reason> list = cache.get(bits);
      if (list == null) {
        list = build(bits);
        if (cache.size() < 100_000) {
          cache.put(bits, list);
        }
      }
      recent[slot] = new Known(bits, list);
      return list;
    }

    private List<Reason> build(long bits) {
      List<Integer> fired = new ArrayList<>();
      for (long m = bits; m != 0; m &= m - 1) {
        int b = Long.numberOfTrailingZeros(m);
        if (b < codes.size()) {
          fired.add(b);
        }
      }
      // strongest evidence first; equal weights keep bit order (the order codes were first seen)
      fired.sort((a, b) -> Integer.compare(weights.get(b), weights.get(a)));
      List<Reason> list = new ArrayList<>(fired.size());
      for (int b : fired) {
        list.add(reasons.get(b));
      }
      return List.copyOf(list);
    }
  }

  private static final int RECENT_BITS = 8;
  private static final int RECENT = 1 << RECENT_BITS;

  /** A mask and its reasons. */
  private record Known(long bits, List<Reason> reasons) {}

  /** The codes of a scored kind (every scored kind has them). */
  private Registry registry(RuleSpec.Kind k) {
    return Objects.requireNonNull(kinds.get(k));
  }
}

package org.fanzha.engine.features;

import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Maps the identifiers of one entity kind to dense int ids (0, 1, 2 …) and back, holding every
 * identifier once as UTF-8 bytes in one byte arena: no String object per entity. An identifier can
 * be {@linkplain #remove removed}; its id is then handed to the next new identifier, so ids stay
 * dense while entities come and go. Not thread-safe.
 */
public final class Interner {
  /*
   * Memory. A String per identifier costs ~40 bytes of headers and fields before its bytes, plus a
   * reference; at hundreds of thousands of entities that alone was a fifth of the engine. Here an
   * identifier is a record in one growing byte[] (the arena): its length (1 byte, or 0xFF and 4
   * bytes for the rare identifier of 255 bytes or more) and its UTF-8 bytes (canonical identifiers
   * are ASCII, so one byte a character). Pages of longs map an id to its record; an
   * open-addressing table of longs maps identifiers to ids. Identifiers of up to 15 digits, '+',
   * '-' and a few more (phone numbers, handsets' IMEIs, service numbers: what most events name)
   * skip the arena: their characters, four bits each, are the id's long itself. About 22 bytes an
   * identifier in all for a 14-character phone number (31 when it was a record), against ~90
   * with Strings.
   *
   * Speed. Identifiers arrive as fresh Strings in every event. A look-up hashes the characters
   * (no memory touched but the event's own string) and probes the table, whose slot holds 32 bits
   * of the hash beside the id, so probes past other identifiers cost no dereference; a slot whose
   * 32 hash bits match is confirmed against the id's long (a packed name is compared whole, else
   * the arena record it points to). The confirmation makes the mapping exact (two identifiers
   * are never merged, whatever their hashes), which the former 96-bit
   * fingerprint table only made improbable. The id is in the slot, not behind the record, so what
   * the caller does with it (read the entity's slice) need not wait for the record: the
   * confirmation almost always holds, and the processor reads both at once. An event names its
   * parties again in each of its steps, as the same String objects: the last two looked up are
   * answered without a probe. The table is kept at most 4/5 full and grows by half (the home slot
   * is a multiply-shift of the 32 hash bits the slot keeps, so any capacity works): between 8/15
   * and 4/5 full, 10–15 bytes a slot's worth per identifier. Growth and deletion find a slot's
   * home from the slot itself, reading no name (recomputing hashes from the names had been a
   * fiftieth of the engine's time in a growing city).
   *
   * Removal (idle entities forgotten, decision 0027). Deleting from linear probing moves later
   * slots of the same run back into the hole (no tombstones, so probes stay short); the id goes on
   * a free list for the next new identifier; its arena record stays as garbage until the dead
   * bytes outweigh the live ones, when the arena is rewritten.
   */

  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int LONG_LENGTH = 0xFF;

  // Every array is kept below 256 KiB (pages and chunks), so none is a G1 "humongous" object: those
  // take whole heap regions, and a 2^k-element table plus its header spills into one more region,
  // which left up to half of a large table's heap unused.
  private static final int SLOT_PAGE_SHIFT = 15; // 32 Ki longs a page
  private static final int SLOT_PAGE = 1 << SLOT_PAGE_SHIFT;
  private static final int CHUNK_SHIFT =
      18; // 256 KiB arena chunks; a record offset is chunk << 18 | position
  private static final int CHUNK = 1 << CHUNK_SHIFT;
  private static final int ID_PAGE_SHIFT = 12; // 4 Ki entries a page
  private static final int ID_PAGE = 1 << ID_PAGE_SHIFT;

  private long[][] slots; // per slot: high 32 bits of the hash (never 0) | id
  private int capacity;
  private byte[][] chunks;
  private int chunkCount;
  private int chunkUsed; // bytes used in the last chunk
  // by id, in pages: the name packed (> 0, see pack), or ~ its arena offset (< 0), or DEAD
  private long[][] entries;
  private int size; // ids handed out: every id is below it
  private int live; // identifiers held
  private int[] free = new int[0]; // removed ids, reused last in first out
  private int freeCount;
  private long deadBytes; // arena bytes of removed records

  private static final long DEAD = 0;
  private static final int PACKED_MAX = 15; // characters in a packed name: 60 bits, so it is > 0

  // the last two identifiers looked up, by reference (a call's caller and callee are looked up
  // four times each); forgotten when an id is removed, since it may then name another
  private @Nullable String recent0;
  private @Nullable String recent1;
  private int recentId0;
  private int recentId1;

  /** Creates an empty table sized for {@code expected} identifiers. */
  public Interner(int expected) {
    capacity = Math.max(16, expected) * 5 / 4 + 1;
    slots = slotPages(capacity);
    entries = new long[4][];
    chunks = new byte[4][];
    chunks[0] = new byte[Math.min(CHUNK, Math.max(1024, expected * 8))];
    chunkCount = 1;
  }

  /** Returns the id of {@code name}, assigning the next one when it is new. */
  public int intern(String name) {
    if (name == recent0) {
      return recentId0;
    }
    if (name == recent1) {
      return recentId1;
    }
    int id = lookUp(name);
    recent1 = recent0;
    recentId1 = recentId0;
    recent0 = name;
    recentId0 = id;
    return id;
  }

  private int lookUp(String name) {
    long h = hash(name);
    long fp = h & 0xFFFF_FFFF_0000_0000L;
    long packed = pack(name); // packed once: compared with entries, and kept if the name is new
    int i = home(h, capacity);
    while (true) {
      long s = slots[i >>> SLOT_PAGE_SHIFT][i & (SLOT_PAGE - 1)];
      if (s == 0) {
        break;
      }
      if ((s & 0xFFFF_FFFF_0000_0000L) == fp && matches(name, packed, entry((int) s))) {
        return (int) s;
      }
      i = i + 1 == capacity ? 0 : i + 1;
    }
    int id = freeCount > 0 ? free[--freeCount] : size++;
    place(id, name, packed, i, fp);
    return id;
  }

  /**
   * Adds {@code name} ({@code packed}: as {@link #pack} gives it) under {@code id} at free slot
   * {@code i} of the table.
   */
  private void place(int id, String name, long packed, int i, long fp) {
    setEntry(id, packed != 0 ? packed : ~(long) append(name));
    slots[i >>> SLOT_PAGE_SHIFT][i & (SLOT_PAGE - 1)] = fp | (id & 0xFFFF_FFFFL);
    live++;
    if (live > capacity - capacity / 5) {
      grow();
    }
  }

  private void setEntry(int id, long entry) {
    int p = id >>> ID_PAGE_SHIFT;
    if (p >= entries.length) {
      entries = Arrays.copyOf(entries, Math.max(p + 1, entries.length * 2));
    }
    if (entries[p] == null) {
      entries[p] = new long[ID_PAGE];
    }
    entries[p][id & (ID_PAGE - 1)] = entry;
  }

  /**
   * Puts {@code name} back under the id it had when a snapshot was written (ids in increasing
   * order); {@link #restoreFree} ends the restore.
   */
  public void restore(int id, String name) {
    if (id < size || find(name) >= 0) {
      throw new IllegalArgumentException("restored out of order or twice: " + id);
    }
    size = id + 1;
    long h = hash(name);
    int i = home(h, capacity);
    while (slots[i >>> SLOT_PAGE_SHIFT][i & (SLOT_PAGE - 1)] != 0) {
      i = i + 1 == capacity ? 0 : i + 1;
    }
    place(id, name, pack(name), i, h & 0xFFFF_FFFF_0000_0000L);
  }

  /**
   * Ends a restore: ids are below {@code bound}, and {@code freeIds} (what {@link #freeIds}
   * returned) are handed out next in the same order as before the snapshot, so a restored engine
   * gives new entities the ids the running one would have.
   */
  public void restoreFree(int bound, int[] freeIds) {
    if (bound < size || live + freeIds.length != bound) {
      throw new IllegalArgumentException(
          "free ids do not fill the gaps: "
              + live
              + " live, "
              + freeIds.length
              + " free, "
              + bound
              + " ids");
    }
    size = bound;
    free = freeIds.clone();
    freeCount = free.length;
    for (int id : free) {
      if (id < 0 || id >= size || isLive(id)) {
        throw new IllegalArgumentException("free id " + id + " is held or out of range");
      }
    }
  }

  /** Returns the free ids, the next to be handed out last. */
  public int[] freeIds() {
    return Arrays.copyOf(free, freeCount);
  }

  /** Returns whether {@code id} names an identifier held now (not removed, not free). */
  public boolean isLive(int id) {
    if (id < 0 || id >= size) {
      return false;
    }
    long[] page = entries[id >>> ID_PAGE_SHIFT];
    return page != null && page[id & (ID_PAGE - 1)] != DEAD;
  }

  /**
   * Removes the identifier with this id, whose id the next new identifier then takes; returns false
   * when the id holds none.
   */
  public boolean remove(int id) {
    if (!isLive(id)) {
      return false;
    }
    recent0 = null;
    recent1 = null;
    long e = entry(id);
    long h = hashOf(e);
    int i = home(h, capacity);
    while (true) {
      long s = slots[i >>> SLOT_PAGE_SHIFT][i & (SLOT_PAGE - 1)];
      if (s != 0 && (int) s == id) {
        break;
      }
      i = i + 1 == capacity ? 0 : i + 1;
    }
    // backward-shift deletion: pull back each later record of the run whose home does not lie in
    // (hole, its slot]
    int hole = i;
    int j = i;
    while (true) {
      j = j + 1 == capacity ? 0 : j + 1;
      long s = slots[j >>> SLOT_PAGE_SHIFT][j & (SLOT_PAGE - 1)];
      if (s == 0) {
        break;
      }
      int k = home(s, capacity);
      boolean stays = hole <= j ? hole < k && k <= j : hole < k || k <= j;
      if (!stays) {
        slots[hole >>> SLOT_PAGE_SHIFT][hole & (SLOT_PAGE - 1)] = s;
        hole = j;
      }
    }
    slots[hole >>> SLOT_PAGE_SHIFT][hole & (SLOT_PAGE - 1)] = 0;
    if (e < 0) {
      int rec = (int) ~e;
      byte[] c = chunks[rec >>> CHUNK_SHIFT];
      int pos = rec & (CHUNK - 1);
      deadBytes += bytesAt(c, pos) - pos + length(c, pos);
    }
    entries[id >>> ID_PAGE_SHIFT][id & (ID_PAGE - 1)] = DEAD;
    live--;
    pushFree(id);
    if (deadBytes > 1 << 16 && deadBytes > usedBytes() - deadBytes) {
      compact();
    }
    return true;
  }

  private void pushFree(int id) {
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, Math.max(16, freeCount * 2));
    }
    free[freeCount++] = id;
  }

  private long usedBytes() {
    long b = chunkUsed;
    for (int k = 0; k < chunkCount - 1; k++) {
      b += chunks[k].length;
    }
    return b;
  }

  /** Rewrites the arena with the live records only; packed names stay where they are. */
  private void compact() {
    byte[][] old = chunks;
    chunks = new byte[4][];
    chunks[0] = new byte[Math.min(CHUNK, Math.max(1024, live * 8))];
    chunkCount = 1;
    chunkUsed = 0;
    for (int id = 0; id < size; id++) {
      long[] page = entries[id >>> ID_PAGE_SHIFT];
      long e = page == null ? DEAD : page[id & (ID_PAGE - 1)];
      if (e < 0) {
        int rec = (int) ~e;
        byte[] c = old[rec >>> CHUNK_SHIFT];
        int pos = rec & (CHUNK - 1);
        String name = new String(c, bytesAt(c, pos), length(c, pos), StandardCharsets.UTF_8);
        page[id & (ID_PAGE - 1)] = ~(long) append(name);
      }
    }
    deadBytes = 0;
  }

  /** Returns the id of {@code name}, or -1 when it has never been seen. */
  public int find(String name) {
    long h = hash(name);
    long fp = h & 0xFFFF_FFFF_0000_0000L;
    int i = home(h, capacity);
    while (true) {
      long s = slots[i >>> SLOT_PAGE_SHIFT][i & (SLOT_PAGE - 1)];
      if (s == 0) {
        return -1;
      }
      if ((s & 0xFFFF_FFFF_0000_0000L) == fp && matches(name, pack(name), entry((int) s))) {
        return (int) s;
      }
      i = i + 1 == capacity ? 0 : i + 1;
    }
  }

  /** Returns the identifier with this id (decoded from the arena: a new String each call). */
  public String name(int id) {
    long e = entry(id);
    if (e > 0) {
      return unpack(e);
    }
    int rec = (int) ~e;
    byte[] c = chunks[rec >>> CHUNK_SHIFT];
    int pos = rec & (CHUNK - 1);
    return new String(c, bytesAt(c, pos), length(c, pos), StandardCharsets.UTF_8);
  }

  /**
   * Returns the first byte of an identifier's UTF-8 form, or -1 when it is empty (no String made).
   */
  public int firstByte(int id) {
    long e = entry(id);
    if (e > 0) {
      return charOf(e, 0);
    }
    int rec = (int) ~e;
    byte[] c = chunks[rec >>> CHUNK_SHIFT];
    int pos = rec & (CHUNK - 1);
    return length(c, pos) == 0 ? -1 : c[bytesAt(c, pos)] & 0xFF;
  }

  /** Writes an identifier as a length-prefixed UTF-8 run ({@link Snapshots#writeString} format). */
  public void writeName(DataOutputStream out, int id) throws IOException {
    long e = entry(id);
    if (e > 0) {
      out.writeInt(packedLength(e));
      out.writeBytes(unpack(e)); // ASCII: one byte a char
      return;
    }
    int rec = (int) ~e;
    byte[] c = chunks[rec >>> CHUNK_SHIFT];
    int pos = rec & (CHUNK - 1);
    int len = length(c, pos);
    out.writeInt(len);
    out.write(c, bytesAt(c, pos), len);
  }

  /** Returns the bound of every id handed out: ids are below it, some of them free. */
  public int size() {
    return size;
  }

  /** Returns how many identifiers are held. */
  public int live() {
    return live;
  }

  /** Returns the bytes of the hash table (allocated, including free slots and array headers). */
  public long tableBytes() {
    long b = 16L + slots.length * 4L;
    for (long[] p : slots) {
      b += 16L + p.length * 8L;
    }
    return b;
  }

  /**
   * Returns the bytes of the arena and the id-to-name pages (allocated, unused capacity included).
   */
  public long arenaBytes() {
    long b = 16L + chunks.length * 4L + 16L + entries.length * 4L;
    for (int k = 0; k < chunkCount; k++) {
      b += 16L + chunks[k].length;
    }
    for (long[] p : entries) {
      if (p != null) {
        b += 16L + p.length * 8L;
      }
    }
    return b;
  }

  /** Returns an estimate of the heap this interner uses (arrays as allocated). */
  public long approxBytes() {
    return tableBytes() + arenaBytes();
  }

  // ---------------------------------------------------------------- records

  private long entry(int id) {
    return entries[id >>> ID_PAGE_SHIFT][id & (ID_PAGE - 1)];
  }

  /**
   * Returns {@code name} packed into a long, four bits a character, or 0 when it has more than
   * {@link #PACKED_MAX} characters or any but '+', ',', '-', '.', '/' and '0'–'9'. Those fifteen
   * run on in ASCII from '+': a character's code is its distance from '+' plus one, so no code is 0
   * and the length needs no field. Such names are held in the long alone, not in the arena.
   */
  static long pack(String name) {
    int n = name.length();
    if (n == 0 || n > PACKED_MAX) {
      return 0;
    }
    long k = 0;
    int outside = 0; // negative once a character is outside the fifteen (no branch in the loop)
    for (int i = 0; i < n; i++) {
      int v = name.charAt(i) - '+';
      outside |= v | (14 - v);
      k = k << 4 | (v + 1);
    }
    return outside >= 0 ? k : 0;
  }

  private static int packedLength(long packed) {
    return (67 - Long.numberOfLeadingZeros(packed)) >>> 2;
  }

  /** Returns character {@code i} of a packed name. */
  private static char charOf(long packed, int i) {
    int code = (int) (packed >>> 4 * (packedLength(packed) - 1 - i)) & 0xF;
    return (char) ('+' + code - 1);
  }

  private static String unpack(long packed) {
    char[] cs = new char[packedLength(packed)];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = charOf(packed, i);
    }
    return new String(cs);
  }

  /**
   * Returns whether {@code name}, {@code packed} as {@link #pack} gives it, names entry {@code e}.
   */
  private boolean matches(String name, long packed, long e) {
    // a name that packs is never in the arena, so either side alone decides
    return packed != 0 ? packed == e : e < 0 && matchesRecord(name, (int) ~e);
  }

  private static int length(byte[] c, int pos) {
    int b = c[pos] & 0xFF;
    return b != LONG_LENGTH ? b : (int) INT.get(c, pos + 1);
  }

  private static int bytesAt(byte[] c, int pos) {
    return (c[pos] & 0xFF) != LONG_LENGTH ? pos + 1 : pos + 5;
  }

  private boolean matchesRecord(String name, int rec) {
    byte[] c = chunks[rec >>> CHUNK_SHIFT];
    int pos = rec & (CHUNK - 1);
    int len = length(c, pos);
    int p = bytesAt(c, pos);
    int n = name.length();
    if (n > len) {
      return false; // UTF-8 never has fewer bytes than the string has chars
    }
    if (n < len) {
      if (isAscii(name)) {
        return false;
      }
      byte[] u = name.getBytes(StandardCharsets.UTF_8);
      return u.length == len && Arrays.equals(u, 0, len, c, p, p + len);
    }
    for (int k = 0; k < n; k++) {
      char ch = name.charAt(k);
      if (ch >= 0x80) {
        return false; // same char count and byte count means all ASCII on the stored side
      }
      if ((byte) ch != c[p + k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAscii(String s) {
    for (int k = 0, n = s.length(); k < n; k++) {
      if (s.charAt(k) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** Appends a record and returns its offset (chunk << 18 | position). */
  private int append(String name) {
    byte[] utf8 = null;
    int len = name.length();
    if (!isAscii(name)) {
      utf8 = name.getBytes(StandardCharsets.UTF_8);
      len = utf8.length;
    }
    int head = len < LONG_LENGTH ? 1 : 5;
    int need = head + len;
    byte[] c = chunks[chunkCount - 1];
    if (chunkUsed + need > c.length) {
      if (chunkUsed + need <= CHUNK) {
        // the last chunk grows by doubling up to 256 KiB, so little of it stands idle
        c = Arrays.copyOf(c, Math.min(CHUNK, Math.max(chunkUsed + need, c.length * 2)));
        chunks[chunkCount - 1] = c;
      } else {
        // records never straddle chunks: start a new one (a record longer than a chunk gets its
        // own)
        if (chunkCount == 1 << (31 - CHUNK_SHIFT)) {
          throw new IllegalStateException("identifier arena full (2 GiB)");
        }
        if (chunkCount == chunks.length) {
          chunks = Arrays.copyOf(chunks, chunkCount * 2);
        }
        c = new byte[Math.max(need, 4096)];
        chunks[chunkCount++] = c;
        chunkUsed = 0;
      }
    }
    int pos = chunkUsed;
    if (len < LONG_LENGTH) {
      c[pos] = (byte) len;
    } else {
      c[pos] = (byte) LONG_LENGTH;
      INT.set(c, pos + 1, len);
    }
    int p = pos + head;
    if (utf8 != null) {
      System.arraycopy(utf8, 0, c, p, len);
    } else {
      for (int k = 0; k < len; k++) {
        c[p + k] = (byte) name.charAt(k);
      }
    }
    chunkUsed = pos + need;
    return (chunkCount - 1) << CHUNK_SHIFT | pos;
  }

  /** Grows the table by half (not doubling: less idle memory) and re-places every record. */
  private void grow() {
    long next = (long) capacity + (capacity >> 1);
    if (next > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("interner full: " + live + " identifiers");
    }
    rehash((int) next);
  }

  /**
   * Makes a table of {@code newCapacity} slots and moves every slot into it: a slot's home comes
   * from the hash bits it holds, so no name is read, and the slots, taken in order, land in order.
   */
  private void rehash(int newCapacity) {
    long[][] old = slots;
    capacity = newCapacity;
    slots = slotPages(capacity);
    for (long[] page : old) {
      for (long s : page) {
        if (s != 0) {
          int i = home(s, capacity);
          while (slots[i >>> SLOT_PAGE_SHIFT][i & (SLOT_PAGE - 1)] != 0) {
            i = i + 1 == capacity ? 0 : i + 1;
          }
          slots[i >>> SLOT_PAGE_SHIFT][i & (SLOT_PAGE - 1)] = s;
        }
      }
    }
  }

  private static long[][] slotPages(int capacity) {
    int pages = (capacity + SLOT_PAGE - 1) >>> SLOT_PAGE_SHIFT;
    long[][] t = new long[pages][];
    for (int p = 0; p < pages; p++) {
      t[p] = new long[Math.min(SLOT_PAGE, capacity - p * SLOT_PAGE)];
    }
    return t;
  }

  /**
   * Maps the high 32 bits of a hash, those a slot keeps, onto [0, capacity) (multiply-shift: any
   * capacity, no modulo, and monotone, so growth and deletion find a slot's home from the slot).
   */
  private static int home(long h, int capacity) {
    return (int) (((h >>> 32) * capacity) >>> 32);
  }

  /** Returns {@link #hash} of the name of entry {@code e}, from its long or its arena record. */
  private long hashOf(long e) {
    if (e > 0) {
      int h = 0;
      for (int i = 0, n = packedLength(e); i < n; i++) {
        h = 31 * h + charOf(e, i); // String.hashCode
      }
      return finish(h);
    }
    int rec = (int) ~e;
    byte[] c = chunks[rec >>> CHUNK_SHIFT];
    int pos = rec & (CHUNK - 1);
    int len = length(c, pos);
    int p = bytesAt(c, pos);
    int h = 0;
    for (int k = 0; k < len; k++) {
      byte b = c[p + k];
      if (b < 0) {
        return hash(new String(c, p, len, StandardCharsets.UTF_8)); // non-ASCII: hash the chars
      }
      h = 31 * h + b; // String.hashCode over ASCII
    }
    return finish(h);
  }

  /**
   * Spreads {@link String#hashCode} (a tight loop the JIT unrolls, without the per-char bounds
   * checks of charAt, and cached in the String) to 64 bits with the murmur3 finaliser; the high 32
   * bits are never 0. Only 32 bits of it depend on the string, so two identifiers with equal String
   * hashes share a home and a fingerprint: the arena comparison still tells them apart, at the cost
   * of one more record read for such rare pairs (about n²/2³³ of them among n identifiers). The
   * arena side ({@code hashOf}) computes the same from packed names and ASCII bytes.
   */
  static long hash(String s) {
    return finish(s.hashCode());
  }

  private static long finish(int hashCode) {
    long h = (hashCode & 0xFFFF_FFFFL) * 0x9E37_79B9_7F4A_7C15L;
    h ^= h >>> 33;
    h *= 0xFF51_AFD7_ED55_8CCDL;
    h ^= h >>> 33;
    h *= 0xC4CE_B9FE_1A85_EC53L;
    h ^= h >>> 33;
    return (h & 0xFFFF_FFFF_0000_0000L) == 0
        ? h | 1L << 32
        : h; // 0 in the high half marks a free slot
  }
}

package org.fanzha.engine.replay;

/**
 * How a replay (embedded or Flink) recognises an event id it has processed: by a 64-bit hash rather
 * than the id itself (8 bytes instead of ~60 per event). Two different ids collide with probability
 * about n²/2⁶⁵, about 3·10⁻⁶ for ten million events, in which case the later one would be skipped.
 */
public final class EventIds {

  private EventIds() {}

  /** Returns a 64-bit hash of an event id (FNV-1a over the chars, then a finaliser). */
  public static long hash(String id) {
    long h = 0xCBF2_9CE4_8422_2325L;
    for (int i = 0; i < id.length(); i++) {
      h ^= id.charAt(i);
      h *= 0x1000_0000_01B3L;
    }
    h ^= h >>> 33;
    h *= 0xFF51_AFD7_ED55_8CCDL;
    h ^= h >>> 33;
    return h;
  }
}

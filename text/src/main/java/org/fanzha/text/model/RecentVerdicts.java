package org.fanzha.text.model;

import org.fanzha.core.content.ContentClassifier;
import org.fanzha.core.content.ContentVerdict;

/**
 * A classifier that remembers the verdicts of recent texts. Fraud and spam arrive as blasts of one
 * text to thousands of receivers, and operators' notices repeat too (in a simulated week only 16%
 * of SMS texts were distinct), so a small direct-mapped table answers most messages without scoring
 * them again.
 */
public final class RecentVerdicts implements ContentClassifier {

  /*
   * Direct-mapped by the text's hash: one slot per bucket, the newest text wins. Entries are immutable (final fields),
   * so a reader on another thread sees either an old complete entry or a new complete one, never a torn one; a racing
   * writer can at worst evict a useful entry, which costs one more scoring. No locks on the engine's path.
   */

  private record Entry(String text, ContentVerdict verdict) {}

  private final ContentClassifier classifier;
  private final Entry[] slots;
  private final int mask;

  /**
   * Returns a cache of {@code capacity} slots (rounded up to a power of two) in front of {@code
   * classifier}.
   */
  public RecentVerdicts(ContentClassifier classifier, int capacity) {
    if (capacity < 1 || capacity > 1 << 24) {
      throw new IllegalArgumentException("capacity must be 1–16,777,216, not " + capacity);
    }
    this.classifier = classifier;
    int size = Integer.highestOneBit(capacity - 1 << 1 | 1);
    this.slots = new Entry[Math.max(1, size)];
    this.mask = slots.length - 1;
  }

  @Override
  public ContentVerdict classify(String text) {
    int h = text.hashCode();
    int i = (h ^ h >>> 16) & mask;
    Entry e = slots[i];
    if (e != null && e.text.equals(text)) {
      return e.verdict;
    }
    ContentVerdict v = classifier.classify(text);
    slots[i] = new Entry(text, v);
    return v;
  }
}

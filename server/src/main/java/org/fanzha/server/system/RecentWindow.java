package org.fanzha.server.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last {@code capacity} values put, by key: a first-in first-out window, thread-safe. What the
 * server keeps of recent decisions and transfers so that one can be looked up by its id soon after.
 * Not a cache: Caffeine's admission policy keeps what is asked for often and may turn away a new
 * key when full, where these windows must hold the newest ones (decision 0028).
 */
public final class RecentWindow<K, V> {

  private final Map<K, V> entries;

  /** Creates a window that keeps the last {@code capacity} keys put. */
  public RecentWindow(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.entries =
        new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Puts a value; the oldest key goes when the window is full. */
  public void put(K key, V value) {
    synchronized (entries) {
      entries.put(key, value);
    }
  }

  /** Returns the value of a key still in the window. */
  public Optional<V> get(K key) {
    synchronized (entries) {
      return Optional.ofNullable(entries.get(key));
    }
  }

  /** Returns whether a key is still in the window. */
  public boolean contains(K key) {
    synchronized (entries) {
      return entries.containsKey(key);
    }
  }
}

package org.fanzha.text.url;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A set of domains matched with suffix rules: an entry {@code example.com} matches {@code
 * example.com} and every subdomain ({@code a.b.example.com}), never {@code badexample.com} or
 * {@code example.com.evil.xyz}.
 */
public final class DomainList {

  private final Set<String> entries;

  private DomainList(Set<String> entries) {
    this.entries = entries;
  }

  /**
   * Returns a list of the given domains (case-insensitive, a leading {@code *.} or dot ignored).
   */
  public static DomainList of(Iterable<String> domains) {
    Set<String> set = new HashSet<>();
    for (String d : domains) {
      String e = d.trim().toLowerCase(Locale.ROOT);
      if (e.startsWith("*.")) {
        e = e.substring(2);
      }
      while (e.startsWith(".")) {
        e = e.substring(1);
      }
      if (!e.isEmpty() && !e.startsWith("#")) {
        set.add(e);
      }
    }
    return new DomainList(Set.copyOf(set));
  }

  /** Returns a list of the given domains. */
  public static DomainList of(String... domains) {
    return of(java.util.Arrays.asList(domains));
  }

  /** Returns the entry that {@code host} equals or is a subdomain of, or {@code null}. */
  public @Nullable String match(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    // Walk the suffixes at label boundaries, longest first: a.b.c, b.c, c.
    int from = 0;
    while (true) {
      String suffix = h.substring(from);
      if (entries.contains(suffix)) {
        return suffix;
      }
      int dot = h.indexOf('.', from);
      if (dot < 0) {
        return null;
      }
      from = dot + 1;
    }
  }

  /** Returns whether {@code host} equals an entry or is a subdomain of one. */
  public boolean matches(String host) {
    return match(host) != null;
  }

  /** Returns the number of entries. */
  public int size() {
    return entries.size();
  }
}

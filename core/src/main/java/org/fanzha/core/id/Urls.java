package org.fanzha.core.id;

import org.jspecify.annotations.Nullable;

/**
 * The host of a URL and the domains above it, as list look-ups walk them (a listed domain covers
 * its sub-domains).
 */
public final class Urls {

  private Urls() {}

  /** Returns the host of a URL (with or without a scheme), or {@code null} when there is none. */
  public static @Nullable String host(String url) {
    int start = url.indexOf("://");
    start = start < 0 ? 0 : start + 3;
    int end = start;
    while (end < url.length() && "/?#:".indexOf(url.charAt(end)) < 0) {
      end++;
    }
    return end > start ? url.substring(start, end) : null;
  }

  /**
   * Returns the domain one level up ({@code a.b.cn} → {@code b.cn}), or {@code null} at a
   * registrable domain.
   */
  public static @Nullable String parentDomain(String host) {
    int dot = host.indexOf('.');
    return dot < 0 || host.indexOf('.', dot + 1) < 0 ? null : host.substring(dot + 1);
  }
}

package org.fanzha.server.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.fanzha.core.codec.Rejection;

/**
 * The refused events of one request, kept one by one up to the request's bounds and only counted
 * beyond them, so a body of a million bad lines costs no more memory, quarantine rows or answer
 * bytes than one of a thousand.
 */
final class Refusals {

  private static final Pattern INDEX = Pattern.compile("\\[\\d+]");

  private final int maxListed;
  private final int maxKept;
  private final List<Rejection> kept = new ArrayList<>();
  private final Map<String, Long> byField = new TreeMap<>();
  private long total;

  /**
   * @param maxListed refusals named in the answer at most
   * @param maxKept refusals kept one by one in the quarantine at most
   */
  Refusals(int maxListed, int maxKept) {
    this.maxListed = Math.max(0, maxListed);
    this.maxKept = Math.max(0, maxKept);
  }

  void add(Rejection r) {
    total++;
    byField.merge(INDEX.matcher(r.field()).replaceAll("[]"), 1L, Long::sum);
    if (kept.size() < Math.max(maxListed, maxKept)) {
      kept.add(r);
    }
  }

  /** Returns how many events were refused. */
  long total() {
    return total;
  }

  boolean isEmpty() {
    return total == 0;
  }

  /** Returns the refusals the answer lists, in body order. */
  List<Rejection> listed() {
    return kept.subList(0, Math.min(maxListed, kept.size()));
  }

  /** Returns the refusals the quarantine keeps one by one, in body order. */
  List<Rejection> toQuarantine() {
    return kept.subList(0, Math.min(maxKept, kept.size()));
  }

  /** Returns how many refusals the quarantine only counts. */
  long notQuarantined() {
    return total - toQuarantine().size();
  }

  /**
   * Returns the number of refusals per field at fault, array indexes folded ({@code
   * targets[].kind}).
   */
  Map<String, Long> byField() {
    return byField;
  }
}

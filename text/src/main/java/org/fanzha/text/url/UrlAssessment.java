package org.fanzha.text.url;

import java.util.List;
import org.fanzha.core.reason.Reason;
import org.jspecify.annotations.Nullable;

/**
 * The risk of one URL or domain.
 *
 * @param url the URL as given
 * @param host the host in ASCII (punycode kept), lower case; empty when none could be read
 * @param unicodeHost the host with punycode decoded (same as host when there was none)
 * @param score risk 0–1 (0 = nothing found, or an official domain)
 * @param imitated the protected domain it imitates, or {@code null}
 * @param reasons why, strongest first; codes start with {@code url.}
 */
public record UrlAssessment(
    String url,
    String host,
    String unicodeHost,
    double score,
    @Nullable String imitated,
    List<Reason> reasons) {

  public UrlAssessment {
    reasons = List.copyOf(reasons);
  }

  /** Returns whether the score reaches {@code threshold}. */
  public boolean isRisky(double threshold) {
    return score >= threshold;
  }
}

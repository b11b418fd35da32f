package org.fanzha.store;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A clue receiver: a bank, an operator, an internet platform or a police unit.
 *
 * @param kind {@code bank}, {@code operator}, {@code platform} or {@code police}
 * @param regions GB/T 2260 prefixes it answers for; empty for everywhere
 * @param prefixes what it serves (card BINs, number segments, domains); empty for everything of its
 *     kind
 * @param minSeverity the lowest severity it is sent ({@code low}, {@code medium}, {@code high})
 * @param webhookUrl where its clues are pushed; null when it pulls them
 * @param secret the HMAC-SHA256 key of its pushes; null when it pulls
 */
public record Institution(
    String id,
    String name,
    String kind,
    List<String> regions,
    List<String> prefixes,
    String minSeverity,
    @Nullable String webhookUrl,
    @Nullable String secret,
    long createdAtMs,
    String createdBy) {

  public Institution {
    regions = List.copyOf(regions);
    prefixes = List.copyOf(prefixes);
  }
}

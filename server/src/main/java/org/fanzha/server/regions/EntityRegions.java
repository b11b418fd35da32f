package org.fanzha.server.regions;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.fanzha.core.event.EntityKind;
import org.fanzha.store.Database;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Where an entity belongs, for jurisdiction: a phone number's person's region, an account's (where
 * it was opened or is used from); other kinds have none. Answers are cached ten minutes, so lists
 * filtered by region on every refresh do not each read the journal.
 */
@Component
public class EntityRegions {

  /** What a caller limited to some regions may see of an entity. */
  public enum Visibility {
    /**
     * Within the caller's regions (or the caller is limited to none): everything the role allows.
     */
    FULL,
    /** Nobody can say where it belongs: the masked public answer only. */
    MASKED,
    /** Another region's: nothing, as if it did not exist. */
    NONE
  }

  private final PersonRegions people;
  private final Cache<String, Optional<String>> cache =
      Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(Duration.ofMinutes(10)).build();

  EntityRegions(Database db) {
    this.people = new PersonRegions(db.journal());
  }

  /** Returns the region an entity belongs to, if one can be said. */
  public @Nullable String of(EntityKind kind, String id) {
    if (kind != EntityKind.PHONE && kind != EntityKind.ACCOUNT) {
      return null;
    }
    return cache
        .get(
            kind.wireName() + ":" + id,
            k ->
                Optional.ofNullable(
                    kind == EntityKind.PHONE ? people.of(id) : people.ofAccount(id)))
        .orElse(null);
  }

  /** Returns what a caller limited to {@code prefixes} (none: everywhere) may see of an entity. */
  public Visibility visibility(EntityKind kind, String id, List<String> prefixes) {
    if (prefixes.isEmpty()) {
      return Visibility.FULL;
    }
    String region = of(kind, id);
    return region == null
        ? Visibility.MASKED
        : Jurisdictions.within(region, prefixes) ? Visibility.FULL : Visibility.NONE;
  }

  /**
   * Checks that a caller limited to {@code prefixes} may see an entity at all.
   *
   * @throws OutsideJurisdiction when it belongs to another region
   */
  public void requireVisible(EntityKind kind, String id, List<String> prefixes) {
    if (visibility(kind, id, prefixes) == Visibility.NONE) {
      throw new OutsideJurisdiction(kind);
    }
  }
}

package org.fanzha.server.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.SecuritySettings;
import org.fanzha.store.Database;

/**
 * A key opens only as issued: any other string, however close, is refused; every issued key is
 * distinct.
 */
class ApiKeyServiceProperties {

  static Database db;
  static ApiKeyService keys;
  static String issued;

  @BeforeContainer
  static void issueOne() {
    db = Database.openUrl("jdbc:h2:mem:api-key-properties;DB_CLOSE_DELAY=-1", null, null);
    SecuritySettings settings =
        new SecuritySettings(
            false,
            "",
            none(),
            none(),
            none(),
            none(),
            new SecuritySettings.LoginLimits(5, 20, Duration.ofMinutes(5)),
            Duration.ofSeconds(30));
    keys = new ApiKeyService(db, Clock.systemUTC(), settings);
    issued =
        keys.create(new Caller("admin", Set.of("ADMIN")), "props", List.of("INGEST"), List.of())
            .key();
  }

  static SecuritySettings.Account none() {
    return new SecuritySettings.Account("", "");
  }

  @AfterContainer
  static void close() {
    db.close();
  }

  @Property
  void anyOneCharacterChanged_isRefused(
      @ForAll @IntRange(min = 0, max = 59) int at,
      @ForAll @CharRange(from = '-', to = 'z') char c) {
    assertThat(issued).hasSize(60);
    String changed = issued.substring(0, at) + c + issued.substring(at + 1);
    assertThat(keys.verify(changed))
        .as(changed)
        .isEqualTo(changed.equals(issued) ? keys.verify(issued) : java.util.Optional.empty());
  }

  @Property
  void cutOrLengthened_isRefused(
      @ForAll @IntRange(min = 0, max = 59) int length, @ForAll char extra) {
    assertThat(keys.verify(issued.substring(0, length))).isEmpty();
    assertThat(keys.verify(issued + extra)).isEmpty();
    assertThat(keys.verify(issued)).isPresent();
  }

  @Property(tries = 50)
  void issuedKeysAreDistinct_andEachOpensOnlyItself(
      @ForAll @IntRange(min = 0, max = 1) int unused) {
    Caller admin = new Caller("admin", Set.of("ADMIN"));
    ApiKeyService.Issued a = keys.create(admin, "a", List.of("BANK"), List.of());
    ApiKeyService.Issued b = keys.create(admin, "b", List.of("BANK"), List.of());
    assertThat(a.key()).isNotEqualTo(b.key());
    assertThat(a.record().id()).isNotEqualTo(b.record().id());
    assertThat(keys.verify(a.key()))
        .hasValueSatisfying(k -> assertThat(k.id()).isEqualTo(a.record().id()));
    String crossed = a.key().substring(0, 17) + b.key().substring(17); // a's id with b's secret
    assertThat(keys.verify(crossed)).isEmpty();
  }
}

package org.fanzha.server.keys;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.Grants;
import org.fanzha.server.system.Roles;
import org.fanzha.server.system.SecuritySettings;
import org.fanzha.store.ApiKey;
import org.fanzha.store.Database;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Issues, lists, revokes and checks API keys. A key reads {@code fzk_<id>_<secret>}: the id (12 hex
 * digits) finds the stored record, the secret is 256 random bits. Only the SHA-256 of the whole key
 * is stored; a slow password hash would add nothing against a 256-bit secret and would cost
 * milliseconds on every request. Records are cached by id for {@code
 * fanzha.security.api-key-recheck}, so a key revoked through another server sharing the database
 * stops within that time; through this one, at once.
 */
@Service
public class ApiKeyService {

  static final String PREFIX = "fzk_";
  private static final Pattern SHAPE = Pattern.compile("fzk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._:-]{0,63}");

  private final Database db;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final LoadingCache<String, Optional<ApiKey>> byId;

  ApiKeyService(Database db, Clock clock, SecuritySettings settings) {
    this.db = db;
    this.clock = clock;
    this.byId =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(settings.apiKeyRecheck())
            .build(id -> db.apiKeys().find(id));
  }

  /** A key just issued: the only time its secret is seen. */
  public record Issued(ApiKey record, String key) {}

  /** No working key with that id. */
  public static final class NoSuchKey extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoSuchKey(String id) {
      super("no working api key '" + id + "'");
    }
  }

  /**
   * Issues a key for a machine; audited. ADMIN is not granted to keys: managing the system is a
   * person's job.
   *
   * @throws BadRequestException naming the field that is wrong
   */
  public Issued create(Caller by, String name, List<String> roles, List<String> regions) {
    if (!NAME.matcher(name).matches()) {
      throw new BadRequestException(
          "name: 1–64 letters, digits, spaces and . _ : -, starting with a letter or digit");
    }
    Set<String> r = Grants.roles(roles);
    if (r.contains(Roles.ADMIN)) {
      throw new BadRequestException(
          "roles: ADMIN is not given to API keys; an administrator signs in as a person");
    }
    return issue(
        by,
        name,
        r,
        Grants.regions(regions),
        null,
        "api-key.create:" + String.join("+", r.stream().sorted().toList()));
  }

  /**
   * Issues the key a clue receiver pulls, acknowledges and answers its clues with: bound to
   * institution {@code id}, with its kind's role and its regions. Audited.
   */
  public Issued forInstitution(
      Caller by, String institutionId, String name, String role, List<String> regions) {
    return issue(
        by,
        name,
        Set.of(role),
        regions,
        institutionId,
        "api-key.create:institution:" + institutionId);
  }

  /**
   * Replaces a working key by a new one with the same name, roles and regions; the old one stops at
   * once. Audited.
   *
   * @throws NoSuchKey when there is no working key with that id
   */
  public Issued rotate(Caller by, String id) {
    ApiKey old = db.apiKeys().find(id).filter(ApiKey::active).orElseThrow(() -> new NoSuchKey(id));
    Issued fresh =
        issue(
            by,
            old.name(),
            old.roles(),
            old.regions(),
            old.institutionId(),
            "api-key.rotate:" + id);
    revoke(by, id);
    return fresh;
  }

  /**
   * Revokes a key at once; audited.
   *
   * @throws NoSuchKey when there is no working key with that id
   */
  public void revoke(Caller by, String id) {
    if (!db.apiKeys().revoke(id, by.name(), clock.millis())) {
      throw new NoSuchKey(id);
    }
    byId.invalidate(id);
    db.audit().recordChange(by.name(), by.rolesText(), "api-key.revoke", "api_key", id);
  }

  /** Returns every key, revoked ones too, newest first; never a secret. */
  public List<ApiKey> list() {
    return db.apiKeys().list();
  }

  /** Returns the working key a client presented, if it is one. Constant time in the secret. */
  public Optional<ApiKey> verify(String presented) {
    if (!SHAPE.matcher(presented).matches()) {
      return Optional.empty();
    }
    Optional<ApiKey> k = byId.get(presented.substring(PREFIX.length(), PREFIX.length() + 12));
    if (k.isEmpty() || !k.get().active()) {
      return Optional.empty();
    }
    byte[] stored = k.get().keySha256().getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(stored, sha256Hex(presented).getBytes(StandardCharsets.US_ASCII))
        ? k
        : Optional.empty();
  }

  private Issued issue(
      Caller by,
      String name,
      Set<String> roles,
      List<String> regions,
      @Nullable String institutionId,
      String action) {
    byte[] id = new byte[6];
    byte[] secret = new byte[32];
    random.nextBytes(id);
    random.nextBytes(secret);
    String keyId = HexFormat.of().formatHex(id);
    String key =
        PREFIX + keyId + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ApiKey record =
        new ApiKey(
            keyId,
            name,
            sha256Hex(key),
            roles,
            regions,
            clock.millis(),
            by.name(),
            null,
            null,
            institutionId);
    db.apiKeys().insert(record);
    byId.invalidate(keyId); // a look-up of this id before it existed may have been cached as absent
    db.audit().recordChange(by.name(), by.rolesText(), action, "api_key", keyId);
    return new Issued(record, key);
  }

  static String sha256Hex(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}

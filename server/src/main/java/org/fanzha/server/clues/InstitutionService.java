package org.fanzha.server.clues;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.fanzha.server.keys.ApiKeyService;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Caller;
import org.fanzha.server.system.Grants;
import org.fanzha.server.system.Roles;
import org.fanzha.store.Database;
import org.fanzha.store.Institution;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Registers clue receivers (ADMIN, audited). Each gets an API key of its own, bound to it, to pull,
 * acknowledge and answer its clues with; the role of the key follows the kind (BANK, OPERATOR,
 * PLATFORM, POLICE).
 */
@Service
public class InstitutionService {
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._()·-]{0,99}");
  private static final Pattern PREFIX = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.-]{0,63}");
  private static final int MIN_SECRET = 16;
  private static final int MAX_SECRET = 200;

  private final Database db;
  private final ApiKeyService keys;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  InstitutionService(Database db, ApiKeyService keys, Clock clock) {
    this.db = db;
    this.keys = keys;
    this.clock = clock;
  }

  /** What an administrator asks for. */
  public record NewInstitution(
      String name,
      String kind,
      List<String> regions,
      List<String> prefixes,
      @Nullable String minSeverity,
      @Nullable String webhookUrl,
      @Nullable String secret) {}

  /** A registered institution and its key, shown this once. */
  public record Registered(Institution institution, ApiKeyService.Issued key) {}

  /**
   * Checks and stores a receiver and issues its key.
   *
   * @throws BadRequestException naming the field that is wrong
   */
  public Registered register(NewInstitution n, Caller by) {
    if (!NAME.matcher(n.name()).matches()) {
      throw new BadRequestException(
          "name: 1–100 letters, digits, spaces and . _ ( ) · -, starting with a letter or digit");
    }
    if (!ClueRouter.KINDS.contains(n.kind())) {
      throw new BadRequestException(
          "kind: one of " + String.join(", ", ClueRouter.KINDS) + ", not " + n.kind());
    }
    List<String> regions = Grants.regions(n.regions());
    List<String> prefixes = n.prefixes().stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
    for (String p : prefixes) {
      if (!PREFIX.matcher(p).matches()) {
        throw new BadRequestException(
            "prefixes: '" + p + "' is not a card BIN, number segment or domain");
      }
    }
    String severity = n.minSeverity() == null ? ClueRouter.LOW : n.minSeverity();
    if (!ClueRouter.SEVERITIES.contains(severity)) {
      throw new BadRequestException(
          "min_severity: one of " + String.join(", ", ClueRouter.SEVERITIES));
    }
    if (n.webhookUrl() != null) {
      checkWebhook(n.webhookUrl());
      if (n.secret() == null
          || n.secret().length() < MIN_SECRET
          || n.secret().length() > MAX_SECRET) {
        throw new BadRequestException(
            "secret: "
                + MIN_SECRET
                + "–"
                + MAX_SECRET
                + " characters, required with webhook_url (the pushes are signed with it)");
      }
    } else if (n.secret() != null) {
      throw new BadRequestException(
          "secret: given without webhook_url; a receiver that pulls needs none");
    }
    byte[] b = new byte[6];
    random.nextBytes(b);
    Institution i =
        new Institution(
            "I" + HexFormat.of().formatHex(b),
            n.name(),
            n.kind(),
            regions,
            prefixes,
            severity,
            n.webhookUrl(),
            n.secret(),
            clock.millis(),
            by.name());
    db.institutions().insert(i);
    db.audit()
        .recordChange(
            by.name(), by.rolesText(), "institution.create:" + i.kind(), "institution", i.id());
    ApiKeyService.Issued key =
        keys.forInstitution(by, i.id(), "clues " + i.id(), role(i.kind()), regions);
    return new Registered(i, key);
  }

  private static void checkWebhook(String url) {
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      throw new BadRequestException("webhook_url: not a URL (" + e.getReason() + ")");
    }
    if (url.length() > 500
        || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()))
        || u.getHost() == null
        || u.getUserInfo() != null
        || u.getFragment() != null) {
      throw new BadRequestException(
          "webhook_url: an absolute http or https URL with a host, no user or fragment, "
              + "at most 500 characters");
    }
  }

  private static String role(String kind) {
    return switch (kind) {
      case ClueRouter.BANK -> Roles.BANK;
      case ClueRouter.OPERATOR -> Roles.OPERATOR;
      case ClueRouter.PLATFORM -> Roles.PLATFORM;
      default -> Roles.POLICE;
    };
  }
}

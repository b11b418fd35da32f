package org.fanzha.server.appeals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.fanzha.core.event.ListKind;
import org.fanzha.core.event.ListName;
import org.fanzha.server.lists.ListService;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Caller;
import org.fanzha.store.Appeal;
import org.fanzha.store.Database;
import org.fanzha.store.ListEntry;
import org.springframework.stereotype.Service;

/**
 * The life of an appeal: sent by anyone with a statement and evidence, it names the entries in
 * force against the value; a reviewer who did not list the value decides; upheld lifts those
 * entries at once and clears the entity (a white entry, so a risk the rules hold is dropped as
 * well), rejected keeps them and says why.
 */
@Service
public class AppealService {

  /** How long a reviewer has to decide. */
  static final Duration DUE = Duration.ofDays(15);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database db;
  private final ListService lists;
  private final Clock clock;

  AppealService(Database db, ListService lists, Clock clock) {
    this.db = db;
    this.lists = lists;
    this.clock = clock;
  }

  /**
   * What the person keeps: the appeal's id, and the token to follow it (shown once, stored hashed).
   */
  public record Sent(String id, String token) {}

  /** No appeal with this id. */
  public static final class Unknown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unknown(String id) {
      super("no appeal " + id);
    }
  }

  /** The appeal cannot be decided by this caller, or not now. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean forbidden;

    Refused(String message, boolean forbidden) {
      super(message);
      this.forbidden = forbidden;
    }

    public boolean forbidden() {
      return forbidden;
    }
  }

  /**
   * Stores an appeal; returns its id and token.
   *
   * @throws BadRequestException naming the field that is not acceptable
   */
  public Sent submit(
      ListKind kind,
      String value,
      String statement,
      String contact,
      List<EvidenceFiles.Received> files) {
    String v = lists.normalised(kind, value);
    if (statement.strip().length() < 5 || statement.length() > 4000) {
      throw new BadRequestException("reason: say why the listing is wrong, 5–4000 characters");
    }
    if (contact.strip().length() < 3 || contact.length() > 200) {
      throw new BadRequestException("contact: how a reviewer can reach you, 3–200 characters");
    }
    List<Appeal.File> checked = EvidenceFiles.check(files);
    long now = clock.millis();
    List<String> entries =
        lists.inForce(kind, v).stream()
            .filter(e -> e.list() != ListName.WHITE)
            .map(ListEntry::id)
            .limit(40)
            .toList(); // the column holds 40; more against one value is for the reviewer to see
    byte[] t = new byte[24];
    RANDOM.nextBytes(t);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(t);
    byte[] i = new byte[6];
    RANDOM.nextBytes(i);
    String id = "AP-" + HexFormat.of().formatHex(i);
    db.appeals()
        .insert(
            new Appeal(
                id,
                kind,
                v,
                statement.strip(),
                contact.strip(),
                "open",
                entries,
                now,
                now + DUE.toMillis(),
                null,
                null,
                null),
            hash(token),
            checked);
    db.audit().recordChange("public", "ANONYMOUS", "appeal.submit", "appeal", id);
    return new Sent(id, token);
  }

  /** Returns the appeal a token follows. */
  public Optional<Appeal> byToken(String token) {
    return token.length() > 100 ? Optional.empty() : db.appeals().findByTokenHash(hash(token));
  }

  /** Returns the appeals with a status, soonest due first. */
  public List<Appeal> withStatus(String status, int limit) {
    return db.appeals().withStatus(status, limit);
  }

  /** Returns an appeal. */
  public Appeal find(String id) {
    return db.appeals().find(id).orElseThrow(() -> new Unknown(id));
  }

  /**
   * Decides an open appeal: {@code upheld} lifts every entry in force against the value and clears
   * it; {@code rejected} needs a note saying why. A reviewer may not decide on a listing they made.
   */
  public Appeal decide(String id, String outcome, String note, Caller reviewer) {
    Appeal a = find(id);
    if (!outcome.equals("upheld") && !outcome.equals("rejected")) {
      throw new BadRequestException("outcome: upheld or rejected, not " + outcome);
    }
    if (note.length() > 1000 || (outcome.equals("rejected") && note.isBlank())) {
      throw new BadRequestException("note: why it is rejected, 1–1000 characters");
    }
    List<ListEntry> against =
        lists.inForce(a.kind(), a.value()).stream()
            .filter(e -> e.list() != ListName.WHITE)
            .toList();
    if (against.stream().anyMatch(e -> e.author().equals(reviewer.name()))) {
      throw new Refused("you listed this value yourself; another reviewer decides", true);
    }
    if (!db.appeals().decide(id, outcome, reviewer.name(), note, clock.millis())) {
      throw new Refused("appeal " + id + " is already decided", false);
    }
    db.audit()
        .recordChange(reviewer.name(), reviewer.rolesText(), "appeal." + outcome, "appeal", id);
    if (outcome.equals("upheld")) {
      // every change is stored before any is applied; one the engine does not take now is applied
      // within a minute
      for (ListEntry e : against) {
        try {
          lists.lift(e.id(), "appeal " + id + " upheld", reviewer);
        } catch (ListService.NotApplied queued) {
          // stored and queued
        }
      }
      if (a.kind().entityKind() != null) {
        try {
          lists.add(
              new ListService.NewEntry(
                  ListName.WHITE,
                  a.kind(),
                  a.value(),
                  null,
                  null,
                  "appeal " + id + " upheld" + (note.isBlank() ? "" : ": " + note),
                  "appeal",
                  id,
                  "反电信网络诈骗法第32条",
                  null,
                  null),
              reviewer);
        } catch (ListService.NotApplied queued) {
          // stored and queued
        }
      }
    }
    return find(id);
  }

  /** Returns the files sent with an appeal. */
  public List<Appeal.File> files(String id) {
    find(id);
    return db.appeals().files(id);
  }

  /**
   * Returns the names of the files sent with an appeal, in the order sent, without reading their
   * content.
   */
  public List<String> fileNames(String id) {
    return db.appeals().fileNames(id);
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

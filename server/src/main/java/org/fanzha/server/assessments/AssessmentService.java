package org.fanzha.server.assessments;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fanzha.server.system.BadRequestException;
import org.fanzha.server.system.Caller;
import org.fanzha.store.Assessment;
import org.fanzha.store.Database;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * Registers assessments and their sign-off. Every risk point of the checklist must be answered; a
 * point present needs the control that answers it; a high residual risk cannot conclude "launch" as
 * it is; the author cannot sign off their own assessment. Submitting and reviewing are audited.
 */
@Service
public class AssessmentService {
  /**
   * The risk points every new service is assessed against (the messages {@code
   * assessments.point.<code>} say them).
   */
  public static final List<String> POINTS =
      List.of(
          "real_name",
          "bulk_registration",
          "anonymity",
          "funds",
          "remote_control",
          "bulk_messaging",
          "cross_border",
          "account_trading",
          "vulnerable_users");

  public static final List<String> CATEGORIES =
      List.of("telecom", "banking", "payment", "internet");
  public static final List<String> LEVELS = List.of("low", "medium", "high");
  public static final List<String> CONCLUSIONS =
      List.of("launch", "launch_after_fixes", "do_not_launch");
  private static final int MAX_CONTROL = 500;

  private final Database db;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  AssessmentService(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** An assessment that does not exist (404). */
  public static final class Unknown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unknown(String id) {
      super("no assessment with id '" + id + "'");
    }
  }

  /** A review refused: the reviewer wrote it, or it was reviewed before (409). */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /**
   * What an assessor submits; {@code checklist} maps each point to its control (null or blank: not
   * present).
   */
  public record Submission(
      String institution,
      String service,
      String category,
      String description,
      String launchDate,
      Map<String, @Nullable String> checklist,
      String riskLevel,
      String conclusion) {}

  /**
   * Checks and registers an assessment as submitted.
   *
   * @throws BadRequestException naming the field that is wrong
   */
  public Assessment submit(Submission s, Caller by) {
    text("institution", s.institution(), 100);
    text("service", s.service(), 200);
    text("description", s.description(), 4000);
    oneOf("category", s.category(), CATEGORIES);
    oneOf("risk_level", s.riskLevel(), LEVELS);
    oneOf("conclusion", s.conclusion(), CONCLUSIONS);
    try {
      LocalDate.parse(s.launchDate());
    } catch (DateTimeParseException e) {
      throw new BadRequestException("launch_date: a date as yyyy-MM-dd, not " + s.launchDate());
    }
    for (String given : s.checklist().keySet()) {
      if (!POINTS.contains(given)) {
        throw new BadRequestException(
            "checklist." + given + ": not a risk point; they are " + String.join(", ", POINTS));
      }
    }
    Map<String, Assessment.Point> points = new LinkedHashMap<>();
    for (String code : POINTS) {
      if (!s.checklist().containsKey(code)) {
        throw new BadRequestException(
            "checklist." + code + ": every risk point is answered (null when not present)");
      }
      String control = s.checklist().get(code);
      boolean present = control != null && !control.isBlank();
      if (present && (control.length() > MAX_CONTROL || control.contains("|"))) {
        throw new BadRequestException(
            "checklist." + code + ": the control in 1–" + MAX_CONTROL + " characters, no '|'");
      }
      points.put(
          code,
          new Assessment.Point(
              code, present, present ? control.strip().replaceAll("\\s+", " ") : ""));
    }
    if (s.riskLevel().equals("high") && s.conclusion().equals("launch")) {
      throw new BadRequestException(
          "conclusion: a high residual risk cannot launch as it is; fix it first or do not "
              + "launch");
    }
    byte[] b = new byte[6];
    random.nextBytes(b);
    Assessment a =
        new Assessment(
            "A" + HexFormat.of().formatHex(b),
            s.institution().strip(),
            s.service().strip(),
            s.category(),
            s.description().strip(),
            s.launchDate(),
            List.copyOf(points.values()),
            s.riskLevel(),
            s.conclusion(),
            by.name(),
            clock.millis(),
            Assessment.SUBMITTED,
            null,
            null,
            null);
    db.assessments().insert(a);
    db.audit().recordChange(by.name(), by.rolesText(), "assessment.submit", "assessment", a.id());
    return a;
  }

  /**
   * Signs off ({@code approve}) or returns ({@code return}, with a note saying what to fix) a
   * submitted assessment.
   *
   * @throws Refused when the reviewer wrote it or it was reviewed before
   */
  public Assessment review(String id, String decision, @Nullable String note, Caller by) {
    Assessment a = find(id);
    if (!decision.equals("approve") && !decision.equals("return")) {
      throw new BadRequestException("decision: approve or return, not " + decision);
    }
    if ((note != null && note.length() > 1000)
        || (decision.equals("return") && (note == null || note.isBlank()))) {
      throw new BadRequestException("note: what to fix, 1–1000 characters, with return");
    }
    if (a.author().equals(by.name())) {
      throw new Refused("you wrote assessment " + id + "; another reviewer signs it off");
    }
    String status = decision.equals("approve") ? Assessment.APPROVED : Assessment.RETURNED;
    if (!db.assessments()
        .review(
            id, status, by.name(), clock.millis(), note == null || note.isBlank() ? null : note)) {
      throw new Refused("assessment " + id + " was reviewed already");
    }
    db.audit().recordChange(by.name(), by.rolesText(), "assessment." + status, "assessment", id);
    return find(id);
  }

  public Assessment find(String id) {
    return db.assessments().find(id).orElseThrow(() -> new Unknown(id));
  }

  public List<Assessment> list(@Nullable String status, int limit) {
    return db.assessments().list(status, limit);
  }

  private static void text(String field, String value, int max) {
    if (value.isBlank() || value.length() > max) {
      throw new BadRequestException(field + ": 1–" + max + " characters");
    }
  }

  private static void oneOf(String field, String value, List<String> allowed) {
    if (!allowed.contains(value)) {
      throw new BadRequestException(
          field + ": one of " + String.join(", ", allowed) + ", not " + value);
    }
  }
}

package org.fanzha.store;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A new-business fraud-risk assessment (第6条) as registered.
 *
 * @param category what kind of service: {@code telecom}, {@code payment}, {@code banking}, {@code
 *     internet}
 * @param launchDate the planned launch, {@code yyyy-MM-dd}
 * @param checklist every risk point looked at, present or not, with the control for those present
 * @param riskLevel the assessor's grade: {@code high}, {@code medium}, {@code low}
 * @param conclusion {@code launch}, {@code launch_after_fixes} or {@code do_not_launch}
 * @param status {@link #SUBMITTED}, {@link #APPROVED} or {@link #RETURNED}
 */
public record Assessment(
    String id,
    String institution,
    String service,
    String category,
    String description,
    String launchDate,
    List<Point> checklist,
    String riskLevel,
    String conclusion,
    String author,
    long createdAtMs,
    String status,
    @Nullable String reviewer,
    @Nullable Long reviewedAtMs,
    @Nullable String reviewNote) {

  public static final String SUBMITTED = "submitted";
  public static final String APPROVED = "approved";
  public static final String RETURNED = "returned";

  public Assessment {
    checklist = List.copyOf(checklist);
  }

  /**
   * One risk point: whether the service has it, and how it is controlled (empty when it has not).
   */
  public record Point(String code, boolean present, String control) {}
}

package org.fanzha.server.system;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Problem+json answers as controllers return them: a type, a title and a detail naming the field
 * and the reason.
 */
public final class ProblemEntities {

  private ProblemEntities() {}

  public static ResponseEntity<ProblemDetail> of(
      HttpStatus status, URI type, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(type);
    p.setTitle(title);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }

  /** The same, telling the client to try again after {@code seconds} (429, 503). */
  public static ResponseEntity<ProblemDetail> retryAfter(
      HttpStatus status, URI type, String title, String detail, int seconds) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
        .body(of(status, type, title, detail).getBody());
  }
}

package org.fanzha.server.ingest;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers intake failures as problem+json. */
@RestControllerAdvice(assignableTypes = {EventsController.class, DecideController.class})
class IngestProblemHandler {

  @ExceptionHandler(Unavailable.class)
  ResponseEntity<ProblemDetail> unavailable(Unavailable e) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header("Retry-After", "1")
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(body(HttpStatus.SERVICE_UNAVAILABLE, Problems.UNAVAILABLE, "Not accepted now", e));
  }

  @ExceptionHandler(TooManyEvents.class)
  ResponseEntity<ProblemDetail> tooMany(TooManyEvents e) {
    return problem(
        HttpStatus.CONTENT_TOO_LARGE,
        Problems.TOO_MANY_EVENTS,
        "Too many events in one request",
        e);
  }

  @ExceptionHandler(BodyEncoding.NotUtf8.class)
  ResponseEntity<ProblemDetail> notUtf8(BodyEncoding.NotUtf8 e) {
    return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, Problems.NOT_UTF8, "Body is not UTF-8", e);
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, URI type, String title, RuntimeException e) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(body(status, type, title, e));
  }

  private static ProblemDetail body(HttpStatus status, URI type, String title, RuntimeException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    p.setType(type);
    p.setTitle(title);
    return p;
  }
}

package org.fanzha.server.ingest;

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
        .body(Problems.unavailable(e));
  }

  @ExceptionHandler(TooManyEvents.class)
  ResponseEntity<ProblemDetail> tooMany(TooManyEvents e) {
    return problem(
        Problems.of(
            HttpStatus.CONTENT_TOO_LARGE,
            Problems.TOO_MANY_EVENTS,
            "Too many events in one request",
            e));
  }

  @ExceptionHandler(BodyEncoding.NotUtf8.class)
  ResponseEntity<ProblemDetail> notUtf8(BodyEncoding.NotUtf8 e) {
    return problem(Problems.notUtf8(e));
  }

  private static ResponseEntity<ProblemDetail> problem(ProblemDetail p) {
    return ResponseEntity.status(p.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(p);
  }
}

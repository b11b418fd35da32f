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
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    p.setType(Problems.UNAVAILABLE);
    p.setTitle("Not accepted now");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }

  @ExceptionHandler(BodyTooLargeException.class)
  ResponseEntity<ProblemDetail> tooLarge(BodyTooLargeException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    p.setType(Problems.TOO_LARGE);
    p.setTitle("Body too large");
    return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }

  @ExceptionHandler(TooManyEvents.class)
  ResponseEntity<ProblemDetail> tooMany(TooManyEvents e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    p.setType(Problems.TOO_MANY_EVENTS);
    p.setTitle("Too many events in one request");
    return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }

  @ExceptionHandler(BodyEncoding.NotUtf8.class)
  ResponseEntity<ProblemDetail> notUtf8(BodyEncoding.NotUtf8 e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage());
    p.setType(Problems.NOT_UTF8);
    p.setTitle("Body is not UTF-8");
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
  }
}

package org.fanzha.server.funds;

import java.net.URI;
import java.util.Objects;
import org.fanzha.graph.freeze.HoldRefusedException;
import org.fanzha.server.funds.FundsService.NotTraceable;
import org.fanzha.server.funds.FundsService.NotTraceableException;
import org.fanzha.server.regions.OutsideJurisdiction;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problem answers (RFC 9457) of the trace and hold APIs: 404 for an unknown transfer or order (or
 * an account of a region the caller does not answer for), 409 when the stop/freeze workflow refuses
 * a change (with HoldOrder's message, which says what was tried, in which state and why not), 503
 * while a transfer is not yet in the graph. Bad input is answered 400 by {@code ApiProblems};
 * anything else is a fault of ours (500, logged).
 */
@RestControllerAdvice(assignableTypes = {TraceController.class, HoldController.class})
class FundsProblems {

  static final URI NOT_FOUND = URI.create("urn:fanzha:problem:not-found");
  static final URI NOT_A_TRANSFER = URI.create("urn:fanzha:problem:not-a-transfer");
  static final URI PENDING = URI.create("urn:fanzha:problem:not-yet-traceable");
  static final URI REFUSED = URI.create("urn:fanzha:problem:hold-transition-refused");
  static final URI INVALID = URI.create("urn:fanzha:problem:invalid-request");

  @ExceptionHandler(NotTraceableException.class)
  ResponseEntity<ProblemDetail> notTraceable(NotTraceableException e) {
    if (e.reason() == NotTraceable.PENDING) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header("Retry-After", "1")
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(
              body(
                  HttpStatus.SERVICE_UNAVAILABLE,
                  PENDING,
                  "Transfer not yet traceable",
                  Objects.toString(e.getMessage(), e.toString())));
    }
    URI type = e.reason() == NotTraceable.NOT_A_TRANSFER ? NOT_A_TRANSFER : NOT_FOUND;
    return problem(
        HttpStatus.NOT_FOUND,
        type,
        "No such transfer",
        Objects.toString(e.getMessage(), e.toString()));
  }

  @ExceptionHandler(OutsideJurisdiction.class)
  ResponseEntity<ProblemDetail> outside(OutsideJurisdiction e) {
    return problem(
        HttpStatus.NOT_FOUND,
        NOT_FOUND,
        "Unknown account",
        Objects.toString(e.getMessage(), e.toString()));
  }

  @ExceptionHandler(HoldService.UnknownHoldException.class)
  ResponseEntity<ProblemDetail> unknownHold(HoldService.UnknownHoldException e) {
    return problem(
        HttpStatus.NOT_FOUND,
        NOT_FOUND,
        "No such hold order",
        Objects.toString(e.getMessage(), e.toString()));
  }

  @ExceptionHandler(HoldRefusedException.class)
  ResponseEntity<ProblemDetail> refused(HoldRefusedException e) {
    return problem(
        HttpStatus.CONFLICT,
        REFUSED,
        "Change refused",
        Objects.toString(e.getMessage(), e.toString()));
  }

  static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, URI type, String title, String detail) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(body(status, type, title, detail));
  }

  private static ProblemDetail body(HttpStatus status, URI type, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(type);
    p.setTitle(title);
    return p;
  }
}

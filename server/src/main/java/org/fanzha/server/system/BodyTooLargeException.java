package org.fanzha.server.system;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A request body over the configured limit; answered with 413. */
public final class BodyTooLargeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private static final java.net.URI TYPE = java.net.URI.create("urn:fanzha:problem:body-too-large");

  public BodyTooLargeException(long limit) {
    super("the request body is larger than " + limit + " bytes; send less at a time");
  }

  /** Returns the 413 problem that answers it. */
  public ProblemDetail problem() {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, getMessage());
    p.setType(TYPE);
    p.setTitle("Body too large");
    return p;
  }
}

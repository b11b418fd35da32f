package org.fanzha.server.ingest;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import tools.jackson.databind.json.JsonMapper;

/**
 * One answer of {@code POST /api/v1/decide}, whichever way the request came: a decision (200, with
 * whether its id was seen before) or a problem. Written to the servlet response by the direct path
 * ({@link DecideFilter}) and returned as an entity by Spring MVC ({@link DecideController}), so
 * both give the same bytes.
 *
 * @param status the HTTP status
 * @param duplicate whether the id had been processed before (then the decision is the earlier one)
 * @param body the decision's JSON, or the problem's
 */
record DecideAnswer(HttpStatus status, boolean duplicate, byte[] body) {

  /** Response header telling whether the id had been processed before. */
  static final String DUPLICATE_HEADER = "Fanzha-Duplicate";

  /** Problems written as Spring MVC writes them (their properties beside the standard members). */
  private static final JsonMapper PROBLEMS =
      JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

  /** Returns a decision's answer. */
  static DecideAnswer decided(byte[] json, boolean duplicate) {
    return new DecideAnswer(HttpStatus.OK, duplicate, json);
  }

  /** Returns a problem's answer; the problem names the endpoint as its instance. */
  static DecideAnswer problem(ProblemDetail p) {
    HttpStatus status = HttpStatus.valueOf(p.getStatus());
    if (p.getInstance() == null) {
      p.setInstance(java.net.URI.create(DecideFilter.PATH));
    }
    return new DecideAnswer(status, false, PROBLEMS.writeValueAsBytes(p));
  }

  /** Returns a problem's answer of the given status, type and title. */
  static DecideAnswer problem(HttpStatus status, java.net.URI type, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setType(type);
    p.setTitle(title);
    return problem(p);
  }

  private boolean isProblem() {
    return status != HttpStatus.OK;
  }

  private String contentType() {
    return isProblem()
        ? MediaType.APPLICATION_PROBLEM_JSON_VALUE
        : MediaType.APPLICATION_JSON_VALUE;
  }

  /** Returns the answer as Spring MVC returns it. */
  ResponseEntity<byte[]> entity() {
    ResponseEntity.BodyBuilder b =
        ResponseEntity.status(status).contentType(MediaType.parseMediaType(contentType()));
    if (!isProblem()) {
      b.header(DUPLICATE_HEADER, Boolean.toString(duplicate));
    }
    if (status == HttpStatus.SERVICE_UNAVAILABLE) {
      b.header("Retry-After", "1");
    }
    return b.body(body);
  }

  /** Writes the answer to a response nothing else has written to. */
  void writeTo(HttpServletResponse response) throws IOException {
    response.setStatus(status.value());
    response.setContentType(contentType());
    if (!isProblem()) {
      response.setHeader(DUPLICATE_HEADER, Boolean.toString(duplicate));
    }
    if (status == HttpStatus.SERVICE_UNAVAILABLE) {
      response.setHeader("Retry-After", "1");
    }
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}

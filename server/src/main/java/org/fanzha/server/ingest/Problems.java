package org.fanzha.server.ingest;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Problem types (RFC 9457) of the intake API and the shape of one refused event in them. */
final class Problems {

  static final URI INVALID_EVENTS = URI.create("urn:fanzha:problem:invalid-events");
  static final URI UNAVAILABLE = URI.create("urn:fanzha:problem:unavailable");
  static final URI DUPLICATE = URI.create("urn:fanzha:problem:duplicate-event");
  static final URI TOO_MANY_EVENTS = URI.create("urn:fanzha:problem:too-many-events");
  static final URI NOT_UTF8 = URI.create("urn:fanzha:problem:not-utf8");

  private Problems() {}

  /** The runner could not take or finish the events: resend (ids make it safe). */
  static ProblemDetail unavailable(Unavailable e) {
    return of(HttpStatus.SERVICE_UNAVAILABLE, UNAVAILABLE, "Not accepted now", e);
  }

  /** The body is not UTF-8. */
  static ProblemDetail notUtf8(BodyEncoding.NotUtf8 e) {
    return of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, NOT_UTF8, "Body is not UTF-8", e);
  }

  static ProblemDetail of(HttpStatus status, URI type, String title, RuntimeException e) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.getMessage());
    p.setType(type);
    p.setTitle(title);
    return p;
  }

  static Map<String, Object> error(
      long position, @Nullable String id, String field, String reason) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("position", position);
    if (id != null) {
      m.put("id", id);
    }
    m.put("field", field);
    m.put("reason", reason);
    return m;
  }
}

package org.fanzha.server.system;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.core.JsonGenerator;

/**
 * Writes an RFC 9457 problem straight to a servlet response, for answers given before Spring MVC is
 * reached.
 */
public final class ProblemResponses {

  private ProblemResponses() {}

  /** Writes {@code status} with a problem+json body of the given type, title and detail. */
  public static void write(
      HttpServletResponse response, HttpStatus status, String type, String title, String detail)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(body(status.value(), type, title, detail, null));
  }

  /** Returns the problem+json bytes. */
  public static byte[] body(
      int status, String type, String title, String detail, @Nullable String instance) {
    return JsonBodies.write(
        (JsonGenerator g) -> {
          g.writeStartObject();
          g.writeStringProperty("type", type);
          g.writeStringProperty("title", title);
          g.writeNumberProperty("status", status);
          g.writeStringProperty("detail", detail);
          if (instance != null) {
            g.writeStringProperty("instance", instance);
          }
          g.writeEndObject();
        });
  }
}

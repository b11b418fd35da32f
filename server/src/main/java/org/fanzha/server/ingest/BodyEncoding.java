package org.fanzha.server.ingest;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Intake bodies are UTF-8 (EVENTS.md). A body in another encoding is refused whole with 415 before
 * it is parsed: read as UTF-8, UTF-16 text would become a line of refusals per event, each with a
 * raw text full of NULs, instead of one clear answer.
 */
final class BodyEncoding {

  private BodyEncoding() {}

  /** A body not in UTF-8; answered with 415. */
  static final class NotUtf8 extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotUtf8(String message) {
      super(message);
    }
  }

  /**
   * Returns the body without a UTF-8 byte order mark.
   *
   * @throws NotUtf8 when the declared charset is not UTF-8 or the bytes are UTF-16 or UTF-32
   */
  static byte[] utf8(byte[] body, @Nullable String contentType) {
    String declared = charset(contentType);
    if (declared != null && !declared.equals("utf-8") && !declared.equals("utf8")) {
      throw new NotUtf8("charset " + declared + " is not accepted; send the events as UTF-8");
    }
    if (body.length >= 3
        && (body[0] & 0xFF) == 0xEF
        && (body[1] & 0xFF) == 0xBB
        && (body[2] & 0xFF) == 0xBF) {
      return java.util.Arrays.copyOfRange(body, 3, body.length);
    }
    if (body.length >= 2
        && ((body[0] & 0xFF) == 0xFE && (body[1] & 0xFF) == 0xFF
            || (body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xFE)) {
      throw new NotUtf8(
          "the body starts with a UTF-16 or UTF-32 byte order mark; send the events as UTF-8");
    }
    for (int i = 0; i < Math.min(4, body.length); i++) {
      if (body[i] == 0) {
        // JSON text starts with ASCII; a NUL among its first bytes is the other half of a UTF-16 or
        // UTF-32 unit.
        throw new NotUtf8(
            "the body looks like UTF-16 or UTF-32 (NUL byte at offset "
                + i
                + "); send the events as UTF-8");
      }
    }
    return body;
  }

  private static @Nullable String charset(@Nullable String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return null;
    }
    try {
      String c = MediaType.parseMediaType(contentType).getParameter("charset");
      return c == null ? null : c.replace("\"", "").trim().toLowerCase(Locale.ROOT);
    } catch (InvalidMediaTypeException e) {
      return null; // Spring refuses a malformed Content-Type before this point where it matters
    }
  }
}

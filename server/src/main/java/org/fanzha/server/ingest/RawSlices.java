package org.fanzha.server.ingest;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.fanzha.core.codec.NdjsonLines;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cuts the text of refused events out of a request body, so the quarantine keeps what was actually
 * sent: the line of an NDJSON body, or the re-serialised element of a JSON array (null when the
 * array itself does not parse). Only called when something was refused.
 */
final class RawSlices {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private RawSlices() {}

  static Map<Long, String> of(byte[] body, Set<Long> positions) {
    Map<Long, String> out = new HashMap<>();
    if (positions.isEmpty()) {
      return out;
    }
    if (isArray(body)) {
      try {
        JsonNode root = MAPPER.readTree(body);
        for (long p : positions) {
          JsonNode n = p >= 1 && p <= root.size() ? root.get((int) (p - 1)) : null;
          if (n != null) {
            out.put(p, n.toString());
          }
        }
      } catch (JacksonException e) {
        // a malformed array: the rejection already says where; no element text can be trusted
      }
      return out;
    }
    NdjsonLines.forEach(body, 0, body.length, (buf, off, len, line) -> {
      if (positions.contains(line)) {
        out.put(line, new String(buf, off, len, StandardCharsets.UTF_8));
      }
    });
    return out;
  }

  static @Nullable String get(Map<Long, String> slices, long position) {
    return slices.get(position);
  }

  private static boolean isArray(byte[] body) {
    for (byte b : body) {
      if (b == '[') {
        return true;
      }
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return false;
  }
}

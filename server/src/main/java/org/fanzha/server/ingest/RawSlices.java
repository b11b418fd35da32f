package org.fanzha.server.ingest;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.fanzha.core.codec.NdjsonLines;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Cuts the text of refused events out of a request body, so the quarantine keeps what was actually
 * sent: the line of an NDJSON body, or the element of a JSON array as written (none past the point
 * where the array stops parsing). Each text is cut to {@code maxChars}. Streams the body, so a
 * large array is not built into a tree to find a few elements.
 */
final class RawSlices {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private RawSlices() {}

  static Map<Long, String> of(byte[] body, Set<Long> positions, int maxChars) {
    Map<Long, String> out = new HashMap<>();
    if (positions.isEmpty()) {
      return out;
    }
    int start = firstNonBlank(body);
    if (start < body.length && body[start] == '[') {
      arrayElements(body, start, positions, maxChars, out);
      return out;
    }
    NdjsonLines.forEach(
        body,
        0,
        body.length,
        (buf, off, len, line) -> {
          if (positions.contains(line)) {
            out.put(line, text(buf, off, len, maxChars));
          }
        });
    return out;
  }

  private static void arrayElements(
      byte[] body, int start, Set<Long> positions, int maxChars, Map<Long, String> out) {
    try (JsonParser p =
        JSON.createParser(ObjectReadContext.empty(), body, start, body.length - start)) {
      p.nextToken();
      long index = 0;
      for (JsonToken t = p.nextToken(); t != null && t != JsonToken.END_ARRAY; t = p.nextToken()) {
        index++;
        long from = p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        long to = p.currentLocation().getByteOffset();
        if (positions.contains(index) && from >= 0 && to > from) {
          out.put(index, text(body, start + (int) from, (int) (to - from), maxChars));
        }
      }
    } catch (JacksonException e) {
      // the array breaks here: its rejection says where, and no later element can be trusted
    }
  }

  private static String text(byte[] buf, int off, int len, int maxChars) {
    // Decoding at most 4 bytes per kept char bounds the work for a huge line.
    String s = new String(buf, off, Math.min(len, maxChars * 4), StandardCharsets.UTF_8);
    if (s.length() <= maxChars) {
      return s;
    }
    int end = maxChars;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  private static int firstNonBlank(byte[] body) {
    int i = 0;
    while (i < body.length
        && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
      i++;
    }
    return i;
  }
}

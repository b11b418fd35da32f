package org.fanzha.server.system;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the fields of a JSON request body, refusing a missing or mistyped one with {@link
 * BadRequestException}.
 */
public final class JsonFields {

  private JsonFields() {}

  /** Returns a required string field. */
  public static String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || !n.isString()) {
      throw new BadRequestException(field + ": is required, as a string");
    }
    return n.asString();
  }

  /** Returns an optional string field: null when missing or null. */
  public static @Nullable String optionalText(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isString()) {
      throw new BadRequestException(field + ": must be a string");
    }
    return n.asString();
  }

  /** Returns a list of strings; a missing or null field is the empty list. */
  public static List<String> strings(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new BadRequestException(field + ": must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode x : n) {
      if (!x.isString()) {
        throw new BadRequestException(field + ": must be a list of strings");
      }
      out.add(x.asString());
    }
    return out;
  }
}

package dev.refit.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.http.server.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The API's strict reading of request bodies, and JSON quoting for error answers. */
final class ApiErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ApiErrors() {}

  static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string always serialises", e);
    }
  }

  /** Refuses fields the endpoint does not know: a typo must not turn into "everything". */
  static void onlyFields(JsonNode body, Set<String> known, String example) {
    body.fieldNames()
        .forEachRemaining(
            name -> {
              if (!known.contains(name)) {
                throw new ApiError(400, "unknown field '" + name + "'; expected " + example);
              }
            });
  }

  /** {@code field} as a list of strings; absent is empty; anything else is a 400. */
  static List<String> strings(JsonNode body, String field, String example) {
    JsonNode node = body.path(field);
    if (node.isMissingNode()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new ApiError(400, field + " must be a list of strings, e.g. " + example);
    }
    List<String> values = new ArrayList<>();
    for (JsonNode each : node) {
      if (!each.isTextual() || each.asText().isBlank()) {
        throw new ApiError(400, field + " must be a list of non-empty strings, e.g. " + example);
      }
      values.add(each.asText());
    }
    return values;
  }

  /** The request body as a JSON object; an empty body is an empty object. */
  static JsonNode body(Context ctx) {
    byte[] body = ctx.bodyAsBytes();
    if (body.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw new ApiError(400, "the body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new ApiError(400, "the body is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new ApiError(400, "the body cannot be read");
    }
  }

  /** {@code field} as a non-empty string; absent is {@code null}; anything else is a 400. */
  static @Nullable String text(JsonNode body, String field, String example) {
    JsonNode node = body.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      throw new ApiError(400, field + " must be a non-empty string, e.g. " + example);
    }
    return node.asText();
  }

  /** {@code field} as a whole number; absent is {@code null}; anything else is a 400. */
  static @Nullable Long number(JsonNode body, String field, String example) {
    JsonNode node = body.path(field);
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new ApiError(400, field + " must be a whole number, e.g. " + example);
    }
    return node.longValue();
  }

  /** {@code field} as a boolean; absent is false; anything else is a 400. */
  static boolean flag(JsonNode body, String field) {
    JsonNode node = body.path(field);
    if (node.isMissingNode()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw new ApiError(400, field + " must be true or false");
    }
    return node.booleanValue();
  }
}

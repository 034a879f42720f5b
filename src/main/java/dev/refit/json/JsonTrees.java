package dev.refit.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * JSON read into trees with jackson-core's parser alone, the trees the same as {@code
 * ObjectMapper.readTree} makes. An {@code ObjectMapper} costs ~25 ms to set up in a fresh JVM (date
 * formats, locales, its type factory and deserializer caches): a tenth of a {@code refit check},
 * which only reads the engine's and the registries' answers. The parser's own limits (nesting
 * depth, string and number lengths) still apply, so a hostile answer cannot overflow the stack.
 */
public final class JsonTrees {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTrees() {}

  /** The parser these trees are read with: for reading a large answer as a stream instead. */
  public static JsonParser parser(byte[] json) throws IOException {
    return FACTORY.createParser(json);
  }

  /**
   * The tree of {@code json}, {@link MissingNode} when it holds no value; trailing content is
   * ignored, as ObjectMapper does.
   *
   * @throws IOException (a {@link com.fasterxml.jackson.core.JsonProcessingException}) when it is
   *     not JSON
   */
  public static JsonNode read(byte[] json) throws IOException {
    try (JsonParser parser = parser(json)) {
      return root(parser);
    }
  }

  /** As {@link #read(byte[])}, from text. */
  public static JsonNode read(String json) throws IOException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      return root(parser);
    }
  }

  private static JsonNode root(JsonParser parser) throws IOException {
    JsonToken first = parser.nextToken();
    return first == null ? MissingNode.getInstance() : value(parser, first);
  }

  private static JsonNode value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT -> {
        ObjectNode object = NODES.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          // a repeated name keeps its last value, as ObjectMapper does
          object.replace(name, value(parser, parser.nextToken()));
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        for (JsonToken element = parser.nextToken();
            element != JsonToken.END_ARRAY;
            element = parser.nextToken()) {
          array.add(value(parser, element));
        }
        return array;
      }
      case VALUE_STRING -> {
        return NODES.textNode(parser.getText());
      }
      case VALUE_NUMBER_INT -> {
        return switch (parser.getNumberType()) {
          case INT -> NODES.numberNode(parser.getIntValue());
          case LONG -> NODES.numberNode(parser.getLongValue());
          default -> NODES.numberNode(parser.getBigIntegerValue());
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return NODES.numberNode(parser.getDoubleValue());
      }
      case VALUE_TRUE -> {
        return NODES.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return NODES.booleanNode(false);
      }
      case VALUE_NULL -> {
        return NODES.nullNode();
      }
      default -> throw new JsonParseException(parser, "unexpected " + token);
    }
  }
}

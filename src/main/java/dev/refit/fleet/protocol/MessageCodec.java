package dev.refit.fleet.protocol;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Messages ↔ JSON text frames: {@code {"type":"hello","version":"1.0", ...fields}}.
 *
 * <p>Decoding checks, in this order, so the cheapest refusal comes first: the frame's size, that it
 * is a JSON object, its version (a newer major is refused; a newer minor is read, its extra fields
 * ignored), its type, then the fields. Every refusal is a {@link ProtocolException} with one line
 * naming the type and field; it never echoes field values, which may be secrets.
 */
public final class MessageCodec {
  /** A frame larger than this is refused unread: an inventory of thousands of targets fits. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;

  private static final String TYPE = "type";
  private static final String VERSION = "version";

  private final ObjectMapper mapper;
  private final ProtocolVersion speaks;
  private final int maxFrameBytes;

  public MessageCodec() {
    this(ProtocolVersion.CURRENT, DEFAULT_MAX_FRAME_BYTES);
  }

  public MessageCodec(ProtocolVersion speaks, int maxFrameBytes) {
    this.speaks = speaks;
    this.maxFrameBytes = maxFrameBytes;
    this.mapper =
        JsonMapper.builder()
            .addModule(InstantJson.module())
            // forward compatible: a newer minor version may add fields
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // two "type" keys could be read one way here and another by a proxy or a log parser
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
  }

  public String encode(Message message) {
    ObjectNode node = mapper.createObjectNode();
    node.put(TYPE, message.type().wireName());
    node.put(VERSION, speaks.toString());
    node.setAll((ObjectNode) mapper.valueToTree(message));
    String frame = node.toString();
    // refuse on the way out too: the peer would only drop it, and the sender's error is clearer
    if (tooLarge(frame)) {
      throw new ProtocolException(
          message.type().wireName() + ": frame is larger than " + maxFrameBytes + " bytes");
    }
    return frame;
  }

  public Message decode(String frame) {
    if (tooLarge(frame)) {
      throw new ProtocolException("frame is larger than " + maxFrameBytes + " bytes");
    }
    JsonNode root;
    try {
      root = mapper.readTree(frame);
    } catch (JsonProcessingException e) {
      // a limit hit (nesting depth, number length) has no location
      @Nullable JsonLocation at = e.getLocation();
      String where;
      if (at != null) {
        where = "line " + at.getLineNr() + ", column " + at.getColumnNr();
      } else if (e instanceof StreamConstraintsException) {
        where = "nested too deep or a value too long";
      } else {
        where = "unreadable";
      }
      throw new ProtocolException("frame is not valid JSON (" + where + ")");
    }
    if (root == null || !root.isObject()) {
      throw new ProtocolException("frame is not a JSON object");
    }
    ProtocolVersion version = ProtocolVersion.parse(textField(root, VERSION));
    if (!speaks.canRead(version)) {
      throw new ProtocolException(
          "frame is protocol version "
              + version
              + "; this side speaks "
              + speaks.major()
              + ".x (upgrade "
              + (version.major() > speaks.major() ? "this side" : "the peer")
              + ")");
    }
    String typeName = textField(root, TYPE);
    MessageType type =
        MessageType.ofWireName(typeName)
            .orElseThrow(
                () -> new ProtocolException("unknown message type '" + shorten(typeName) + "'"));
    ObjectNode fields = ((ObjectNode) root).deepCopy();
    fields.remove(TYPE);
    fields.remove(VERSION);
    try {
      return mapper.treeToValue(fields, type.recordClass());
    } catch (JsonProcessingException e) {
      throw new ProtocolException(type.wireName() + ": " + explain(e));
    } catch (IllegalArgumentException e) {
      // a record constructor's own check, reached outside Jackson's wrapping
      throw new ProtocolException(type.wireName() + ": " + e.getMessage());
    }
  }

  /**
   * Decodes a frame that {@code sender}'s side sent: the server reading an agent refuses a {@code
   * command} frame (and the agent a {@code hello}), so a confused or hostile peer cannot make a
   * side act on a message meant for the other.
   */
  public Message decode(String frame, Direction sender) {
    Message message = decode(frame);
    if (message.type().direction() != sender) {
      throw new ProtocolException(
          message.type().wireName() + ": not allowed " + describe(sender) + " (it goes "
              + describe(message.type().direction()) + ")");
    }
    return message;
  }

  private static String describe(Direction direction) {
    return switch (direction) {
      case AGENT_TO_SERVER -> "from agent to server";
      case SERVER_TO_AGENT -> "from server to agent";
    };
  }

  private boolean tooLarge(String frame) {
    // a char is at most 3 UTF-8 bytes: only count bytes when the length alone cannot decide
    if (frame.length() > maxFrameBytes) {
      return true;
    }
    if ((long) frame.length() * 3 <= maxFrameBytes) {
      return false;
    }
    return frame.getBytes(StandardCharsets.UTF_8).length > maxFrameBytes;
  }

  private static String textField(JsonNode root, String name) {
    JsonNode value = root.get(name);
    if (value == null || value.isNull()) {
      throw new ProtocolException("frame has no '" + name + "' field");
    }
    if (!value.isTextual()) {
      throw new ProtocolException("frame's '" + name + "' field is not a string");
    }
    return value.asText();
  }

  /** One line from Jackson's multi-line message: what went wrong, at which field path. */
  private static String explain(JsonProcessingException e) {
    String where = e instanceof JsonMappingException m ? path(m) : "";
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String what;
    if (root instanceof IllegalArgumentException || root instanceof ProtocolException) {
      what = String.valueOf(root.getMessage());
    } else if (e instanceof InvalidFormatException f) {
      what = "field has a value of the wrong form for " + f.getTargetType().getSimpleName();
    } else if (e instanceof MismatchedInputException m
        && String.valueOf(m.getOriginalMessage()).startsWith("Missing required creator property")) {
      what = "missing field";
    } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      what = "field has the wrong JSON type for " + m.getTargetType().getSimpleName();
    } else {
      what = "invalid field";
    }
    return where.isEmpty() ? what : what + " at " + where;
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      @Nullable String field = ref.getFieldName();
      if (field != null) {
        path.append(path.length() == 0 ? "" : ".").append(field);
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}

package dev.refit.http.websocket;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Joins the fragments of a text message (RFC 6455 5.4) up to a cap on the whole message; control
 * frames are the caller's. Binary messages are refused: Refit's protocols are JSON text.
 */
public final class MessageAssembler {
  private final int maxMessage;
  private @Nullable ByteArrayOutputStream partial;

  public MessageAssembler(int maxMessage) {
    this.maxMessage = maxMessage;
  }

  /**
   * @param frame a data frame (text, binary or continuation)
   * @return the complete text once its last fragment arrived, else {@code null}
   * @throws WebSocketException out of order, binary, over the cap, or not UTF-8
   */
  public @Nullable String add(Frame frame) throws WebSocketException {
    if (frame.opcode() == Frame.BINARY) {
      throw new WebSocketException(CloseCodes.UNSUPPORTED_DATA, "binary messages are not accepted");
    }
    ByteArrayOutputStream buffer = partial;
    if (frame.opcode() == Frame.TEXT) {
      if (buffer != null) {
        throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "a new message began before the last one ended");
      }
      buffer = new ByteArrayOutputStream();
    } else if (buffer == null) {
      throw new WebSocketException(CloseCodes.PROTOCOL_ERROR, "a continuation frame without a message");
    }
    if ((long) buffer.size() + frame.payload().length > maxMessage) {
      partial = null;
      throw new WebSocketException(CloseCodes.TOO_BIG, "a message over the limit of " + maxMessage + " bytes");
    }
    buffer.writeBytes(frame.payload());
    if (!frame.fin()) {
      partial = buffer;
      return null;
    }
    partial = null;
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(buffer.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new WebSocketException(CloseCodes.INVALID_PAYLOAD, "a text message that is not UTF-8");
    }
  }
}

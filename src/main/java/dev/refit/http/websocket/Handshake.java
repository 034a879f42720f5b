package dev.refit.http.websocket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The opening handshake's one computation (RFC 6455 4.2.2). */
public final class Handshake {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private Handshake() {}

  /** {@code Sec-WebSocket-Accept} for a {@code Sec-WebSocket-Key}. */
  public static String accept(String key) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key.trim() + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }
}

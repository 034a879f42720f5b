package dev.refit.http.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The frame codec both ways (a client masks, a server does not), against RFC 6455's own examples. */
class FrameCodecTest {

  private static Frame roundTrip(Frame frame, boolean clientToServer) throws Exception {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    new FrameWriter(wire, clientToServer, new Random(7)).write(frame);
    return new FrameReader(new ByteArrayInputStream(wire.toByteArray()), clientToServer, 1 << 20).read();
  }

  @Test
  void theRfcsExamplesDecode() throws Exception {
    // RFC 6455 5.7: a single-frame unmasked "Hello", and the same masked
    Frame plain = new FrameReader(new ByteArrayInputStream(HexFormat.of().parseHex("810548656c6c6f")), false, 100).read();
    assertThat(new String(plain.payload(), StandardCharsets.UTF_8)).isEqualTo("Hello");
    Frame masked =
        new FrameReader(new ByteArrayInputStream(HexFormat.of().parseHex("818537fa213d7f9f4d5158")), true, 100).read();
    assertThat(masked.fin()).isTrue();
    assertThat(new String(masked.payload(), StandardCharsets.UTF_8)).isEqualTo("Hello");
  }

  @Test
  void everyLengthFormRoundTripsMaskedAndNot() throws Exception {
    for (int length : new int[] {0, 125, 126, 65_535, 65_536, 300_000}) {
      byte[] payload = new byte[length];
      new Random(length).nextBytes(payload);
      for (boolean client : new boolean[] {true, false}) {
        Frame back = roundTrip(new Frame(true, Frame.BINARY, payload), client);
        assertThat(back.payload()).as("%d bytes, masked %s", length, client).isEqualTo(payload);
      }
    }
    Frame close = roundTrip(Frame.close(1009, "x".repeat(200)), true);
    assertThat(close.closeCode()).isEqualTo(1009);
    assertThat(close.closeReason()).hasSize(123);
  }

  @Test
  void brokenFramesAreRefusedWithTheirCloseCode() {
    // unmasked from a client, masked from a server
    assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(HexFormat.of().parseHex("810548656c6c6f")), true, 100).read())
        .isInstanceOfSatisfying(WebSocketException.class, e -> assertThat(e.code()).isEqualTo(CloseCodes.PROTOCOL_ERROR));
    // a ping of 126 bytes
    assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(HexFormat.of().parseHex("897e007e")), false, 1000).read())
        .isInstanceOfSatisfying(WebSocketException.class, e -> assertThat(e.code()).isEqualTo(CloseCodes.PROTOCOL_ERROR));
    // over the cap: refused from the header alone
    assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(HexFormat.of().parseHex("817f0000000000100001")), false, 1 << 20).read())
        .isInstanceOfSatisfying(WebSocketException.class, e -> assertThat(e.code()).isEqualTo(CloseCodes.TOO_BIG));
    assertThatThrownBy(() -> new FrameReader(new ByteArrayInputStream(HexFormat.of().parseHex("8105486c")), false, 100).read())
        .isInstanceOf(EOFException.class);
  }

  @Test
  void fragmentsJoinAndBadTextIsRefused() throws Exception {
    MessageAssembler messages = new MessageAssembler(10);
    assertThat(messages.add(new Frame(false, Frame.TEXT, "ab".getBytes(StandardCharsets.UTF_8)))).isNull();
    assertThat(messages.add(new Frame(true, Frame.CONTINUATION, "cd".getBytes(StandardCharsets.UTF_8)))).isEqualTo("abcd");
    assertThatThrownBy(() -> messages.add(new Frame(true, Frame.CONTINUATION, new byte[1])))
        .isInstanceOfSatisfying(WebSocketException.class, e -> assertThat(e.code()).isEqualTo(CloseCodes.PROTOCOL_ERROR));
    assertThatThrownBy(() -> messages.add(new Frame(true, Frame.TEXT, new byte[] {(byte) 0xc3, 0x28})))
        .isInstanceOfSatisfying(WebSocketException.class, e -> assertThat(e.code()).isEqualTo(CloseCodes.INVALID_PAYLOAD));
    assertThatThrownBy(() -> messages.add(new Frame(true, Frame.TEXT, new byte[11])))
        .isInstanceOfSatisfying(WebSocketException.class, e -> assertThat(e.code()).isEqualTo(CloseCodes.TOO_BIG));
  }
}

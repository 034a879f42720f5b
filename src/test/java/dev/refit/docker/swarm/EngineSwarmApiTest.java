package dev.refit.docker.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.docker.DockerEngineException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EngineSwarmApiTest {
  private static byte[] frame(int stream, String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + payload.length).put((byte) stream).put(new byte[3])
        .putInt(payload.length).put(payload).array();
  }

  @Test
  void demultiplexesLogFrames() throws Exception {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    stream.write(frame(1, "out\n"));
    stream.write(frame(2, "err\n"));
    assertThat(EngineSwarmApi.demultiplex(stream.toByteArray())).isEqualTo("out\nerr\n");
    assertThat(EngineSwarmApi.demultiplex("plain text\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("plain text\n");
  }

  @Test
  void ordersStdoutAndStderrByTimestamp() {
    String logs =
        "2026-01-01T00:00:01.000000003Z third\n"
            + "2026-01-01T00:00:01.000000001Z first\n"
            + "2026-01-01T00:00:01.000000002Z second\n";
    assertThat(EngineSwarmApi.inTimeOrder(logs)).isEqualTo("first\nsecond\nthird\n");
    assertThat(EngineSwarmApi.inTimeOrder("")).isEmpty();
  }

  @Test
  void recognisesAVersionConflict() {
    assertThat(EngineSwarmApi.isVersionConflict(new DockerEngineException(
        "cannot update service web on x: HTTP 500 rpc error: code = Unknown desc = update out of sequence", 500)))
        .isTrue();
    assertThat(EngineSwarmApi.isVersionConflict(new DockerEngineException("conflict", 409))).isTrue();
    assertThat(EngineSwarmApi.isVersionConflict(new DockerEngineException("HTTP 500 boom", 500))).isFalse();
  }
}

package dev.refit.fleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Mounts as Engine 20.10 reports them in {@code GET /containers/{id}/json}. */
class StateMountTest {
  private static final Path STATE = Path.of("/var/lib/refit");

  private static JsonNode container(String mounts) throws Exception {
    return new ObjectMapper().readTree("{\"Mounts\": " + mounts + "}");
  }

  @Test
  void aNamedVolumeOrABindMountKeepsTheCredential() throws Exception {
    assertThat(StateMount.warning(container("""
        [{"Type": "bind", "Source": "/var/run/docker.sock", "Destination": "/var/run/docker.sock"},
         {"Type": "volume", "Name": "refit-agent", "Source": "/var/lib/docker/volumes/refit-agent/_data",
          "Destination": "/var/lib/refit", "Driver": "local", "RW": true}]"""), STATE)).isEmpty();
    assertThat(StateMount.warning(container("""
        [{"Type": "bind", "Source": "/srv/refit", "Destination": "/var/lib/refit"}]"""), STATE)).isEmpty();
  }

  @Test
  void theImagesAnonymousVolumeIsNamedWithTheWayOut() throws Exception {
    String anonymous = "0f".repeat(32);
    assertThat(StateMount.warning(container("""
        [{"Type": "volume", "Name": "%s", "Destination": "/var/lib/refit", "Driver": "local"}]""".formatted(anonymous)), STATE))
        .hasValue("the state directory /var/lib/refit is on an anonymous volume of this container: a replaced container"
            + " or Swarm task starts without this agent's credential and cannot reconnect; put it on a named volume"
            + " (docker run -v refit-agent:/var/lib/refit, or docker service create --mount"
            + " type=volume,src=refit-agent,dst=/var/lib/refit)");
  }

  @Test
  void noMountAtAllIsSaidToo() throws Exception {
    assertThat(StateMount.warning(container("[]"), STATE)).hasValueSatisfying(w -> assertThat(w).contains("is inside this container"));
  }
}

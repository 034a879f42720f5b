package dev.refit.fleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The lines of a refused agent: one each, naming the state directory and what to do. */
class AgentRunnerTest {
  private static final Path FILE = Path.of("/var/lib/refit", CredentialFile.NAME);

  @Test
  void aSpentTokenWithoutCredentialNamesTheLostStateDirectoryAndTheWayOut() {
    String line = AgentRunner.refusal("s1", FILE, false, 401, "join token was already used; issue a new one");

    assertThat(line).doesNotContain("\n")
        .startsWith("the server refused to enrol 's1' (401: join token was already used; issue a new one).")
        .contains("There is no credential in /var/lib/refit")
        .contains("-v refit-agent:/var/lib/refit")
        .contains("--mount type=volume,src=refit-agent,dst=/var/lib/refit")
        .contains("enrol again with a new join token")
        .contains("revoke the old 's1'");
  }

  @Test
  void aRefusedCredentialNamesItsFile() {
    assertThat(AgentRunner.refusal("s1", FILE, true, 401, "missing or wrong agent credentials"))
        .isEqualTo("the server refused this agent's credential (401: missing or wrong agent credentials): it was"
            + " revoked, or the server lost its records; delete /var/lib/refit/fleet-agent.properties and enrol"
            + " again with a new join token");
  }

  @Test
  void theEndpointIsTheServersWebSocketPath() {
    assertThat(AgentRunner.endpoint(java.net.URI.create("https://refit.example:8080/base/")))
        .hasToString("wss://refit.example:8080/base/fleet/connect");
  }
}

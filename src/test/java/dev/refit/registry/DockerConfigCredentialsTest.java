package dev.refit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigCredentialsTest {
  @TempDir Path dir;

  private void config(String json) throws IOException {
    Files.writeString(dir.resolve("config.json"), json);
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A real credential helper program, as docker-credential-pass or -ecr-login would be. */
  private Path helper(String name, String script) throws IOException {
    Path program = dir.resolve("docker-credential-" + name);
    Files.writeString(program, "#!/bin/sh\n" + script);
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    return program;
  }

  @Test
  void readsInlineAuthsUnderAnySpellingOfTheRegistry() throws IOException {
    config(
        """
        {"auths":{
          "https://index.docker.io/v1/":{"auth":"%s"},
          "127.0.0.1:5001":{"auth":"%s"},
          "https://ghcr.io/v2/":{"username":"gh","password":"tok"}
        }}
        """
            .formatted(b64("hubuser:hubpass"), b64("alice:pa:ss")));
    DockerConfigCredentials creds = DockerConfigCredentials.load(dir);
    assertThat(creds.find("docker.io").orElseThrow().username()).isEqualTo("hubuser");
    assertThat(creds.find("registry-1.docker.io").orElseThrow().secret()).isEqualTo("hubpass");
    Credential local = creds.find("127.0.0.1:5001").orElseThrow();
    assertThat(local.username()).isEqualTo("alice");
    assertThat(local.secret()).isEqualTo("pa:ss");
    assertThat(creds.find("ghcr.io").orElseThrow().secret()).isEqualTo("tok");
    assertThat(creds.find("quay.io")).isEmpty();
  }

  @Test
  void identityTokensAreKeptAsSuch() throws IOException {
    config("{\"auths\":{\"myacr.io\":{\"auth\":\"%s\",\"identitytoken\":\"refresh\"}}}"
        .formatted(b64("00000000-0000-0000-0000-000000000000:")));
    Credential c = DockerConfigCredentials.load(dir).find("myacr.io").orElseThrow();
    assertThat(c.isIdentityToken()).isTrue();
    assertThat(c.secret()).isEqualTo("refresh");
  }

  @Test
  void asksPerRegistryHelpersThenTheStoreThenAuths() throws IOException {
    helper(
        "perreg",
        """
        read url
        echo "{\\"ServerURL\\":\\"$url\\",\\"Username\\":\\"per-$url\\",\\"Secret\\":\\"s1\\"}"
        """);
    helper(
        "store",
        """
        read url
        if [ "$url" = "https://index.docker.io/v1/" ]; then
          echo '{"Username":"hub-from-store","Secret":"s2"}'
        else
          echo "credentials not found in native keychain"; exit 1
        fi
        """);
    config(
        """
        {"credsStore":"store","credHelpers":{"ghcr.io":"perreg"},
         "auths":{"quay.io":{"auth":"%s"}}}
        """
            .formatted(b64("q:qp")));
    DockerConfigCredentials creds = DockerConfigCredentials.load(dir, dir);
    assertThat(creds.find("ghcr.io").orElseThrow().username()).isEqualTo("per-ghcr.io");
    assertThat(creds.find("docker.io").orElseThrow().username()).isEqualTo("hub-from-store");
    assertThat(creds.find("quay.io").orElseThrow().username()).isEqualTo("q");
    assertThat(creds.find("other.io")).isEmpty();
  }

  @Test
  void aFailingHelperIsNamedWithoutLeakingItsOutput() throws IOException {
    helper("broken", "echo 'backend locked' >&2; exit 3\n");
    config("{\"credHelpers\":{\"ghcr.io\":\"broken\"}}");
    assertThatThrownBy(() -> DockerConfigCredentials.load(dir, dir).find("ghcr.io"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("docker-credential-broken")
        .hasMessageContaining("ghcr.io")
        .hasMessageContaining("exited with 3: backend locked");
  }

  @Test
  void missingConfigMeansNoCredentialsAndBadJsonIsNamed() throws IOException {
    assertThat(DockerConfigCredentials.load(dir).find("docker.io")).isEmpty();
    config("{not json");
    assertThatThrownBy(() -> DockerConfigCredentials.load(dir))
        .hasMessageContaining(dir.resolve("config.json").toString())
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void defaultDirectoryFollowsDockerConfig() {
    assertThat(DockerConfigCredentials.defaultDirectory(Map.of("DOCKER_CONFIG", "/x/y")))
        .isEqualTo(Path.of("/x/y"));
    assertThat(DockerConfigCredentials.defaultDirectory(Map.of()).toString()).endsWith(".docker");
  }
}

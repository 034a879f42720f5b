package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code refit files} without a registry: unreachable registries and bad files are error lines,
 * never a silent skip, and the exit status says so. (FilesIT covers a real registry.)
 */
class FilesCommandTest {
  @TempDir Path dir;
  private String registry;
  private Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      registry = "127.0.0.1:" + s.getLocalPort();
    }
    Path config = dir.resolve("refit.yaml");
    Files.writeString(config, "registry:\n  retries: 1\n  timeout: 2s\n");
    Files.createDirectories(dir.resolve("home"));
    env = Map.of("HOME", dir.resolve("home").toString(), "REFIT_CONFIG", config.toString(),
        "DOCKER_CONFIG", dir.resolve("home").toString());
  }

  private String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, env, new PrintWriter(out), new PrintWriter(err));
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void anUnreachableRegistryAndABrokenFileAreErrorLines() throws Exception {
    Path files = Files.createDirectories(dir.resolve("project"));
    Files.writeString(files.resolve(".env"), "WEB_IMAGE=" + registry + "/web:1.0.0\n");
    Files.writeString(files.resolve("bad.yaml"), "a: [\n");

    String[] r = run("files", files.toString());

    assertThat(r[0]).isEqualTo("2");
    String[] lines = r[1].split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith(files.resolve(".env") + ":1: [" + registry + "/web:1.0.0] -> error: ");
    assertThat(lines[1]).startsWith(files.resolve("bad.yaml") + ":2: error: not valid YAML: ");
    assertThat(r[2]).isEqualTo("refit: 1 image in 2 files: 2 errors\n");
    assertThat(Files.readString(files.resolve(".env"))).isEqualTo("WEB_IMAGE=" + registry + "/web:1.0.0\n");
  }

  @Test
  void jsonHasEveryResult() throws Exception {
    Files.writeString(dir.resolve(".env"), "# refit: ignore\nWEB_IMAGE=" + registry + "/web:1.0.0\n");
    String[] r = run("files", "--json", dir.resolve(".env").toString());
    assertThat(r[0]).isEqualTo("0");
    JsonNode doc = new ObjectMapper().readTree(r[1]);
    assertThat(doc.path("version").asInt()).isEqualTo(1);
    assertThat(doc.path("summary").toString())
        .isEqualTo("{\"images\":1,\"upToDate\":0,\"updatesAvailable\":0,\"errors\":0,\"skipped\":1,\"filesChanged\":0,\"filesWritten\":0}");
    JsonNode result = doc.path("results").get(0);
    assertThat(result.path("file").asText()).isEqualTo(dir.resolve(".env").toString());
    assertThat(result.path("line").asInt()).isEqualTo(2);
    assertThat(result.path("format").asText()).isEqualTo("dotenv");
    assertThat(result.path("written").asText()).isEqualTo(registry + "/web:1.0.0");
    assertThat(result.path("status").asText()).isEqualTo("skipped");
    assertThat(result.path("reason").asText()).isEqualTo("ignored by marker 'refit: ignore'");
    assertThat(result.has("available")).isTrue();
    assertThat(r[2]).isEmpty();
  }

  @Test
  void nothingFoundSaysSo() throws Exception {
    Files.writeString(dir.resolve(".env"), "TZ=UTC\n");
    String[] r = run("files", dir.resolve(".env").toString());
    assertThat(r[0]).isEqualTo("0");
    assertThat(r[1]).isEmpty();
    assertThat(r[2]).isEqualTo("refit: no pinned images found\n");
  }

  @Test
  void aBadPolicyOrNoPathIsOneLine() {
    String[] r = run("files", "--policy", "semver:newest", dir.toString());
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2]).startsWith("refit: --policy='semver:newest' is not a default policy").hasLineCount(1);
    assertThat(run("files")[0]).isEqualTo("2");
  }
}

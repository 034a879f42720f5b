package dev.refit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryLogTest {

  @Test
  void parsesCombinedAccessLogLines() {
    assertThat(RegistryLog.parse(
        "127.0.0.1 - - [22/Nov/2026:01:03:20 +0000] \"GET /v2/app/tags/list?n=1 HTTP/1.1\" 404 111 \"\" \"curl/7.88.1\""))
        .contains(new RegistryRequest("GET", "/v2/app/tags/list", 404, "n=1"));
    assertThat(RegistryLog.parse(
        "127.0.0.1 - bob [22/Nov/2026:01:03:20 +0000] \"HEAD /v2/ HTTP/1.1\" 401 87 \"\" \"x\""))
        .contains(new RegistryRequest("HEAD", "/v2/", 401));
  }

  @Test
  void parsesJsonAndTextApplicationLogLines() {
    assertThat(RegistryLog.parse("{\"http.request.method\":\"HEAD\",\"http.request.uri\":"
        + "\"/v2/app/manifests/1.0.0\",\"http.response.status\":200,\"level\":\"info\","
        + "\"msg\":\"response completed\"}"))
        .contains(new RegistryRequest("HEAD", "/v2/app/manifests/1.0.0", 200));
    assertThat(RegistryLog.parse("time=\"2026-11-22T01:00:00Z\" level=error msg=\"response completed with error\" "
        + "err.code=\"manifest unknown\" http.request.method=GET http.request.uri=\"/v2/app/manifests/x?a=b\" "
        + "http.response.status=404 vars.name=app"))
        .contains(new RegistryRequest("GET", "/v2/app/manifests/x", 404, "a=b"));
  }

  @Test
  void ignoresOtherLines() {
    assertThat(RegistryLog.parse("")).isEmpty();
    assertThat(RegistryLog.parse("{\"level\":\"info\",\"msg\":\"listening on 127.0.0.1:5000\"}")).isEmpty();
    assertThat(RegistryLog.parse("{\"http.request.method\":\"GET\",\"http.request.uri\":\"/v2/\","
        + "\"msg\":\"authorized request\"}")).isEmpty();
    assertThat(RegistryLog.parse("level=info msg=\"redis not configured\"")).isEmpty();
    assertThat(RegistryLog.parse("{not json")).isEmpty();
  }

  @Test
  void readsSinceClearAndSkipsPartialLines(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("access.log");
    RegistryLog log = new RegistryLog(file);
    assertThat(log.requests()).isEmpty();
    Files.writeString(file, line("GET", "/v2/", 200) + line("HEAD", "/v2/a/manifests/1", 404));
    assertThat(log.requests()).hasSize(2);
    log.clear();
    assertThat(log.requests()).isEmpty();
    Files.writeString(file, line("GET", "/v2/b/tags/list", 200) + "127.0.0.1 - - [x] \"GET /v2/c",
        java.nio.file.StandardOpenOption.APPEND);
    assertThat(log.await(r -> r.size() == 1, Duration.ofSeconds(1)))
        .containsExactly(new RegistryRequest("GET", "/v2/b/tags/list", 200));
  }

  private static String line(String method, String uri, int status) {
    return "127.0.0.1 - - [22/Nov/2026:01:03:20 +0000] \"" + method + " " + uri + " HTTP/1.1\" "
        + status + " 2 \"\" \"test\"\n";
  }
}

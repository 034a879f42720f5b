package dev.refit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.refit.config.ConfigLoader;
import dev.refit.config.RefitConfig;
import dev.refit.testing.HttpReceiver;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Every notifier against a real receiver on loopback: an HTTP server, GreenMail's SMTP, a shell script. */
class NotifiersTest {
  @RegisterExtension
  static GreenMailExtension smtp =
      new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  @TempDir Path dir;
  private HttpReceiver receiver;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Notification APPLIED =
      new Notification(
          EventType.APPLIED, "container", "web", "unix:///var/run/docker.sock",
          "ghcr.io/acme/web:1.2.0", "sha256:" + "a".repeat(64),
          "ghcr.io/acme/web:1.3.0", "sha256:" + "b".repeat(64),
          "apply", null, Instant.parse("2026-01-02T03:04:05Z"), "edge-1");

  @BeforeEach
  void start() {
    receiver = new HttpReceiver();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  private Path script(String name, String body) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  @Test
  void everyNotifierDeliversToItsReceiverAndFailuresStayIsolated() throws Exception {
    Path out = dir.resolve("script.out");
    Path good = script("notify.sh", "env | grep -E '^(REFIT|DIUN)_' | sort > " + out + "\ncat >> " + out + "\n");
    Path bad = script("broken.sh", "echo 'cannot reach the pager' >&2\nexit 3\n");
    String yaml =
        """
        notify:
          hook: {type: webhook, url: "%s", headers: {Authorization: Bearer hook-secret}}
          slack: {type: slack, url: "%s", template: "{{title}}: {{target}} now runs {{availableTag}}"}
          discord: {type: discord, url: "%s"}
          teams: {type: teams, url: "%s"}
          ntfy: {type: ntfy, url: "%s", token: ntfy-token, priority: high}
          gotify: {type: gotify, url: "%s", token: gotify-app-token, priority: 8}
          mail: {type: email, host: 127.0.0.1, port: %d, tls: none, from: refit@edge.example, to: [ops@example.org]}
          script: {type: script, command: ["%s"]}
          broken-http: {type: webhook, url: "%s"}
          broken-script: {type: script, command: ["%s"]}
          unreachable: {type: slack, url: "http://127.0.0.1:1/nothing-listens"}
          only-failures: {type: webhook, url: "%s", events: [failed]}
        """
            .formatted(
                receiver.url("/hook"), receiver.url("/slack"), receiver.url("/discord"),
                receiver.url("/teams"), receiver.url("/ntfy/refit-updates"), receiver.url("/gotify/"),
                smtp.getSmtp().getPort(), good, receiver.url("/fail/hook"), bad,
                receiver.url("/only-failures"));
    Path config = dir.resolve("refit.yaml");
    Files.writeString(config, yaml);
    RefitConfig c = new ConfigLoader(Map.of()).load(config);
    List<Delivery> told = Collections.synchronizedList(new ArrayList<>());
    try (Notifiers notifiers = Notifiers.from(c.notifiers(), Map.of("PATH", "/usr/bin:/bin", "REFIT_API_TOKEN", "leak"), told::add)) {
      List<Delivery> deliveries = notifiers.publish(APPLIED).get(30, TimeUnit.SECONDS);

      Map<String, Delivery> byName =
          deliveries.stream().collect(Collectors.toMap(Delivery::notifier, d -> d));
      assertThat(byName.keySet())
          .containsExactlyInAnyOrder(
              "hook", "slack", "discord", "teams", "ntfy", "gotify", "mail", "script",
              "broken-http", "broken-script", "unreachable");
      assertThat(byName.values().stream().filter(Delivery::delivered).map(Delivery::notifier))
          .containsExactlyInAnyOrder("hook", "slack", "discord", "teams", "ntfy", "gotify", "mail", "script");
      assertThat(byName.get("broken-http").error())
          .isEqualTo("notifier 'broken-http' was answered HTTP 500: broken receiver");
      assertThat(byName.get("broken-script").error())
          .isEqualTo("notifier 'broken-script': broken.sh exited with 3: cannot reach the pager");
      assertThat(byName.get("unreachable").error())
          .startsWith("notifier 'unreachable' could not deliver: ")
          .doesNotContain("nothing-listens");
      assertThat(told).hasSize(11);
    }

    Map<String, HttpReceiver.Request> requests =
        receiver.drain().stream().collect(Collectors.toMap(HttpReceiver.Request::path, r -> r));
    assertThat(requests.keySet())
        .containsExactlyInAnyOrder(
            "/hook", "/slack", "/discord", "/teams", "/ntfy/refit-updates", "/gotify/message", "/fail/hook");

    HttpReceiver.Request hook = requests.get("/hook");
    assertThat(hook.header("Authorization")).isEqualTo("Bearer hook-secret");
    JsonNode event = JSON.readTree(hook.body());
    assertThat(event.path("event").asText()).isEqualTo("applied");
    assertThat(event.path("target").path("name").asText()).isEqualTo("web");
    assertThat(event.path("current").path("tag").asText()).isEqualTo("1.2.0");
    assertThat(event.path("available").path("tag").asText()).isEqualTo("1.3.0");
    assertThat(event.path("text").asText())
        .isEqualTo("Update applied: web ghcr.io/acme/web:1.2.0 -> ghcr.io/acme/web:1.3.0");

    assertThat(JSON.readTree(requests.get("/slack").body()).path("text").asText())
        .isEqualTo("Update applied: web now runs 1.3.0");
    assertThat(JSON.readTree(requests.get("/discord").body()).path("content").asText())
        .startsWith("Update applied: web");
    JsonNode card = JSON.readTree(requests.get("/teams").body()).path("attachments").get(0);
    assertThat(card.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
    assertThat(card.path("content").path("body").get(0).path("text").asText()).startsWith("Update applied: web");

    HttpReceiver.Request ntfy = requests.get("/ntfy/refit-updates");
    assertThat(ntfy.header("Authorization")).isEqualTo("Bearer ntfy-token");
    assertThat(ntfy.header("Title")).isEqualTo("Update applied: web");
    assertThat(ntfy.header("Priority")).isEqualTo("high");
    assertThat(ntfy.body()).startsWith("Update applied: web");

    HttpReceiver.Request gotify = requests.get("/gotify/message");
    assertThat(gotify.header("X-Gotify-Key")).isEqualTo("gotify-app-token");
    assertThat(JSON.readTree(gotify.body()).path("priority").asInt()).isEqualTo(8);

    MimeMessage[] mails = smtp.getReceivedMessages();
    assertThat(mails).hasSize(1);
    assertThat(mails[0].getSubject()).isEqualTo("Refit: Update applied web");
    assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("ops@example.org");
    assertThat(((String) mails[0].getContent()).strip()).startsWith("Update applied: web");

    String scriptOut = Files.readString(out);
    assertThat(scriptOut)
        .contains("REFIT_EVENT=applied")
        .contains("REFIT_TARGET=web")
        .contains("REFIT_AVAILABLE_IMAGE=ghcr.io/acme/web:1.3.0")
        .contains("DIUN_ENTRY_STATUS=update")
        .contains("DIUN_ENTRY_IMAGE=ghcr.io/acme/web:1.3.0")
        .contains("DIUN_HOSTNAME=edge-1")
        .contains("\"event\":\"applied\"")
        .doesNotContain("leak")
        .doesNotContain("REFIT_API_TOKEN");
  }

  @Test
  void aHangingScriptIsKilledAndDoesNotDelayTheOthers() throws Exception {
    Path hang = script("hang.sh", "exec sleep 30\n");
    String yaml =
        """
        notify:
          slow: {type: script, command: ["%s"], timeout: 1s}
          fast: {type: slack, url: "%s"}
        """
            .formatted(hang, receiver.url("/slack"));
    Path config = dir.resolve("refit.yaml");
    Files.writeString(config, yaml);
    RefitConfig c = new ConfigLoader(Map.of()).load(config);
    try (Notifiers notifiers = Notifiers.from(c.notifiers(), Map.of(), d -> {})) {
      long start = System.nanoTime();
      var future = notifiers.publish(APPLIED);
      assertThat(receiver.next().path()).isEqualTo("/slack");
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
      List<Delivery> deliveries = future.get(10, TimeUnit.SECONDS);
      assertThat(deliveries)
          .filteredOn(d -> d.notifier().equals("slow"))
          .singleElement()
          .satisfies(d -> assertThat(d.error()).contains("did not finish within 1s and was killed"));
    }
  }
}

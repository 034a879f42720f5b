package dev.refit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.notify.EventType;
import dev.refit.notify.NotifierSettings;
import dev.refit.plan.UpdateMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayeredConfigTest {
  @TempDir Path dir;

  private Path file(String yaml) throws IOException {
    Path f = dir.resolve("refit.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void defaults() {
    RefitConfig c = new ConfigLoader(Map.of()).load(null);
    assertThat(c.schedule().cron()).hasToString("0 */6 * * *");
    assertThat(c.schedule().checkAtStart()).isTrue();
    assertThat(c.schedule().dockerEvents()).isTrue();
    assertThat(c.gates().mode()).isEqualTo(UpdateMode.NOTIFY);
    assertThat(c.gates().minAge()).isZero();
    assertThat(c.serve().address()).isEqualTo("127.0.0.1");
    assertThat(c.serve().port()).isEqualTo(8080);
    assertThat(c.serve().hasCredentials()).isFalse();
    assertThat(c.notifiers()).isEmpty();
    assertThat(c.webhooks().secretFor("ghcr")).isNull();
  }

  @Test
  void fileThenEnvironmentThenFlags() throws IOException {
    Path f =
        file(
            """
            schedule:
              cron: "0 4 * * *"
              jitter: 5m
              timezone: Europe/Berlin
            update:
              mode: apply
              minAge: 1d
              windows: ["* 2-4 * * *", "0 22 * * FRI for 3h"]
            serve:
              port: 9000
              token: file-token-0123456789
            webhooks:
              secret: shared-secret
              ghcr:
                secret: ghcr-secret
            notify:
              ops:
                type: slack
                url: https://hooks.slack.com/services/T000/B000/XXXX
                events: [applied, failed]
                template: "{{target}} is now {{available}}"
            """);
    RefitConfig c =
        new ConfigLoader(
                Map.of(
                    "REFIT_SCHEDULE", "@daily",
                    "REFIT_MIN_AGE", "2d",
                    "REFIT_NOTIFY_OPS_TEMPLATE", "{{title}}",
                    "REFIT_NOTIFY_MAIL_TYPE", "email",
                    "REFIT_NOTIFY_MAIL_HOST", "127.0.0.1",
                    "REFIT_NOTIFY_MAIL_FROM", "refit@example.org",
                    "REFIT_NOTIFY_MAIL_TO", "a@example.org, b@example.org",
                    "REFIT_WEBHOOK_QUAY_SECRET", "quay-secret"))
            .load(f, List.of(new ConfigOverride("update.minAge", "3h", "--min-age")));
    assertThat(c.schedule().cron()).hasToString("@daily");
    assertThat(c.schedule().jitter()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.schedule().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(c.gates().mode()).isEqualTo(UpdateMode.APPLY);
    assertThat(c.gates().minAge()).isEqualTo(Duration.ofHours(3));
    assertThat(c.gates().windows()).hasSize(2);
    assertThat(c.serve().port()).isEqualTo(9000);
    assertThat(c.webhooks().secretFor("ghcr")).isEqualTo("ghcr-secret");
    assertThat(c.webhooks().secretFor("quay")).isEqualTo("quay-secret");
    assertThat(c.webhooks().secretFor("harbor")).isEqualTo("shared-secret");
    assertThat(c.notifiers()).extracting(NotifierSettings::name).containsExactly("ops", "mail");
    NotifierSettings ops = c.notifiers().get(0);
    assertThat(ops.events()).containsExactlyInAnyOrder(EventType.APPLIED, EventType.FAILED);
    assertThat(ops.template()).hasToString("{{title}}");
    NotifierSettings mail = c.notifiers().get(1);
    assertThat(mail.mail().to()).containsExactly("a@example.org", "b@example.org");
    assertThat(mail.mail().port()).isEqualTo(587);
    assertThat(mail.events()).containsExactlyInAnyOrder(EventType.values());
  }

  @Test
  void badValuesNameTheirSourceKeyValueAndWhatIsAllowed() throws IOException {
    assertThatThrownBy(() -> new ConfigLoader(Map.of("REFIT_SCHEDULE", "every day")).load(null))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("REFIT_SCHEDULE='every day' has 2 fields; a cron expression has 5");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("REFIT_SCHEDULE", "61 * * * *")).load(null))
        .hasMessageStartingWith("REFIT_SCHEDULE='61 * * * *' is not a valid cron expression");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("REFIT_MODE", "yolo")).load(null))
        .hasMessage("REFIT_MODE='yolo' is not a mode; allowed: notify, apply, approval");
    assertThatThrownBy(
            () -> new ConfigLoader(Map.of()).load(null, List.of(new ConfigOverride("update.minAge", "2 days", "--min-age"))))
        .hasMessage("--min-age='2 days' is not a duration; use e.g. 500ms, 30s, 5m, 2h, 2d");
    Path window = file("update:\n  windows: ['* 25 * * *']\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(window))
        .hasMessageStartingWith("config " + window + ": update.windows entry '* 25 * * *' is not a valid cron");
    Path type = file("notify:\n  x:\n    type: pager\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(type))
        .hasMessage(
            "config " + type + ": notify.x.type='pager' is not a notifier type; allowed: script,"
                + " webhook, slack, discord, teams, ntfy, gotify, email");
    Path template = file("notify:\n  x:\n    type: script\n    command: /bin/true\n    template: '{{imag}}'\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(template))
        .hasMessageContaining("notify.x.template='{{imag}}' uses the unknown placeholder {{imag}}; known: event,");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("REFIT_NOTIFY_HOOK_TYPE", "webhook")).load(null))
        .hasMessage("environment: notifier 'hook' of type webhook needs a url");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("REFIT_API_TOKEN", "short")).load(null))
        .hasMessage("REFIT_API_TOKEN is too short (5 characters); use at least 16, e.g. from: openssl rand -hex 24")
        .message()
        .doesNotContain("'short'");
    assertThatThrownBy(() -> new ConfigLoader(Map.of("REFIT_SERVE_PORT", "70000")).load(null))
        .hasMessage("REFIT_SERVE_PORT='70000' must be a port number from 0 to 65535");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(null, List.of(ConfigOverride.parseSet("serve.colour=red"))))
        .hasMessage("--set serve.colour is not a known key; allowed here: address, port, token, tokenFile,"
            + " username, password, passwordFile, anonymous, metricsPublic, tlsCert, tlsKey");
  }

  @Test
  void scheduleCanBeSwitchedOff() {
    assertThat(new ConfigLoader(Map.of("REFIT_SCHEDULE", "off")).load(null).schedule().cron()).isNull();
  }

  @Test
  void printedConfigurationMasksEverySecret() throws IOException {
    Path f =
        file(
            """
            registries:
              ghcr: {host: ghcr.io, username: me, password: registry-password}
            serve: {token: api-token-0123456789abcdef, username: admin, password: api-password}
            webhooks: {secret: webhook-secret, ghcr: {secret: ghcr-hmac-secret}}
            notify:
              slack: {type: slack, url: "https://hooks.slack.com/services/T0/B0/slack-path-secret"}
              hook: {type: webhook, url: "https://user:pw@example.org/hook", headers: {Authorization: Bearer header-secret}}
              gotify: {type: gotify, url: "https://gotify.example.org", token: gotify-token}
              mail: {type: email, host: smtp.example.org, from: a@b.c, to: [d@e.f], username: u, password: mail-password}
            """);
    RefitConfig c = new ConfigLoader(Map.of()).load(f);
    String printed = ConfigPrinter.render(c, "unix:///var/run/docker.sock", dir);
    for (String secret :
        List.of(
            "registry-password", "api-token", "api-password", "webhook-secret", "ghcr-hmac-secret",
            "slack-path-secret", "header-secret", "gotify-token", "mail-password", "pw@")) {
      assertThat(printed).doesNotContain(secret);
    }
    assertThat(printed)
        .contains("url: https://hooks.slack.com/***")
        .contains("url: https://***@example.org/***")
        .contains("Authorization: '***'")
        .contains("token: '***'")
        .contains("username: admin");
    assertThat(c.toString()).doesNotContain("registry-password").doesNotContain("api-password")
        .doesNotContain("slack-path-secret").doesNotContain("gotify-token").doesNotContain("mail-password");
    // what is printed reads back as configuration
    Path again = dir.resolve("again.yaml");
    Files.writeString(again, printed.replace("'***'", "masked-secret-0123456789"));
    assertThat(new ConfigLoader(Map.of()).load(again).schedule().cron()).hasToString("0 */6 * * *");
  }
}

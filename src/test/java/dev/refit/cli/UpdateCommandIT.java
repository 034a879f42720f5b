package dev.refit.cli;

import static dev.refit.cli.UpdateTestbed.SERVE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.store.HistoryEntry;
import dev.refit.store.UpdateOutcome;
import dev.refit.testing.HttpReceiver;
import dev.refit.testing.RegistryCredentials;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code refit update} against the real test engine and a password-protected registry: the new
 * container's configuration, rollback of images that crash or turn unhealthy, dependants, dry run,
 * monitor-only and hooks.
 */
class UpdateCommandIT {
  private static UpdateTestbed bed;
  private static String serve;
  private static String svcDigest;

  @BeforeAll
  static void images() {
    bed = new UpdateTestbed("update-it", new RegistryCredentials("it", "it-secret"));
    serve = "[\"sh\",\"-c\",\"" + SERVE + "\"]";
    bed.publish("svc:1.0.0", "ENV A=1", "ENV KEEP=image", "LABEL version=1.0.0", "LABEL shared=image",
        "WORKDIR /www", "EXPOSE 80", "VOLUME /cache", "CMD " + serve);
    svcDigest = bed.publish("svc:1.0.1", "ENV A=2", "ENV KEEP=image", "LABEL version=1.0.1", "LABEL shared=image",
        "WORKDIR /tmp", "EXPOSE 8081", "VOLUME /cache",
        "CMD [\"sh\",\"-c\",\"" + SERVE + " # v1.0.1\"]");
    bed.publish("crash:1.0.0", "CMD " + serve);
    bed.publish("crash:1.0.1", "CMD [\"sh\",\"-c\",\"echo starting; echo boom >&2; exit 3\"]");
    bed.publish("sick:1.0.0", "CMD " + serve);
    bed.publish("sick:1.0.1", "CMD [\"sh\",\"-c\",\"trap 'exit 0' TERM; sleep 3600 & wait\"]");
    for (String next : List.of("svc:1.0.1", "crash:1.0.1", "sick:1.0.1")) {
      bed.forget(next);
    }
  }

  @AfterAll
  static void tearDown() {
    bed.close();
    try {
      bed.docker.removeVolumeCmd("upd-web-data").exec();
    } catch (RuntimeException ignored) {
      // not created or already gone
    }
  }

  @AfterEach
  void removeContainers() {
    bed.containers.removeAll();
  }

  @Test
  void theNewContainerHasTheOldOnesConfigurationExceptWhatTheImageDecides() throws IOException {
    String subnet1 = bed.network("upd-front");
    bed.network("upd-back");
    String staticIp = subnet1.replaceFirst("\\.0/\\d+$", ".50");
    int hostPort = freePort();
    String oldId =
        bed.run(
            "upd-web",
            """
            {"Image": "%s", "Env": ["SECRET=hunter2", "MINE=yes"],
             "Labels": {"a": "b", "com.docker.compose.project": "it", "com.docker.compose.service": "web"},
             "MacAddress": "02:42:ac:11:00:99", "StopTimeout": 2,
             "Healthcheck": {"Test": ["CMD-SHELL", "test -f /tmp/ready"], "Interval": 500000000, "Retries": 3},
             "ExposedPorts": {"80/tcp": {}}, "Volumes": {"/anon": {}},
             "HostConfig": {
               "NetworkMode": "upd-front", "Binds": ["upd-web-data:/data"],
               "PortBindings": {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": "%d"}]},
               "RestartPolicy": {"Name": "unless-stopped"},
               "CapAdd": ["NET_ADMIN"], "CapDrop": ["MKNOD"],
               "Ulimits": [{"Name": "nofile", "Soft": 1024, "Hard": 2048}],
               "LogConfig": {"Type": "json-file", "Config": {"max-size": "1m"}},
               "ExtraHosts": ["db.example:127.0.0.2"], "Dns": ["127.0.0.53"],
               "Tmpfs": {"/run/scratch": "size=1m"}, "Memory": 134217728,
               "SecurityOpt": ["no-new-privileges"]},
             "NetworkingConfig": {"EndpointsConfig": {"upd-front": {
               "IPAMConfig": {"IPv4Address": "%s"}, "Aliases": ["web-alias"]}}}}
            """
                .formatted(bed.image("svc:1.0.0"), hostPort, staticIp),
            Map.of("upd-back", "{\"Aliases\": [\"web-b\"]}"));
    bed.exec("upd-web", "sh", "-c", "echo named > /data/f; echo anon > /anon/f; echo cache > /cache/f");
    JsonNode before = bed.inspect(oldId);

    bed.forget("svc:1.0.1");
    bed.registry.clearLog();
    RefitCli.Run run = bed.refit("update", "upd-web");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    // the engine pulled exactly the digest found, from a registry that wants a password
    assertThat(bed.registry.requestLog())
        .anyMatch(r -> r.matches("GET", "/v2/svc/manifests/" + svcDigest) && r.status() == 200);
    assertThat(run.out()).contains("upd-web").contains("updated");
    assertThat(run.out()).doesNotContain("hunter2");
    assertThat(bed.exists(oldId)).isFalse();
    assertThat(bed.exists("upd-web-refit-old")).isFalse();
    JsonNode after = bed.inspect("upd-web");
    assertThat(after.path("Id").asText()).isNotEqualTo(oldId);
    assertThat(after.path("State").path("Running").asBoolean()).isTrue();
    assertThat(after.path("Config").path("Image").asText()).isEqualTo(bed.image("svc:1.0.1"));

    // Everything the user set is there, everything else is the same, apart from what the image decides
    assertThat(normalized(after).toPrettyString()).isEqualTo(normalized(before).toPrettyString());
    JsonNode config = after.path("Config");
    assertThat(texts(config.path("Env"))).containsExactlyInAnyOrder("SECRET=hunter2", "MINE=yes", "A=2", "KEEP=image");
    assertThat(config.path("Labels").path("version").asText()).isEqualTo("1.0.1");
    assertThat(config.path("Labels").path("a").asText()).isEqualTo("b");
    assertThat(config.path("Labels").path("com.docker.compose.service").asText()).isEqualTo("web");
    assertThat(config.path("WorkingDir").asText()).isEqualTo("/tmp");
    assertThat(config.path("Cmd").toString()).contains("# v1.0.1");
    assertThat(fieldNames(config.path("ExposedPorts"))).containsExactlyInAnyOrder("80/tcp", "8081/tcp");
    assertThat(config.path("Hostname").asText()).isEqualTo(after.path("Id").asText().substring(0, 12));
    assertThat(config.path("MacAddress").asText()).isEqualTo("02:42:ac:11:00:99");
    JsonNode front = after.path("NetworkSettings").path("Networks").path("upd-front");
    assertThat(front.path("IPAddress").asText()).isEqualTo(staticIp);
    assertThat(front.path("MacAddress").asText()).isEqualTo("02:42:ac:11:00:99");
    assertThat(texts(front.path("Aliases"))).contains("web-alias");
    assertThat(texts(after.path("NetworkSettings").path("Networks").path("upd-back").path("Aliases")))
        .contains("web-b");

    // the data of named, anonymous and image volumes stayed with the service
    assertThat(bed.exec("upd-web", "cat", "/data/f", "/anon/f", "/cache/f")).isEqualTo("named\nanon\ncache\n");

    List<HistoryEntry> history = bed.history();
    assertThat(history).first().satisfies(e -> {
      assertThat(e.targetName()).isEqualTo("upd-web");
      assertThat(e.outcome()).isEqualTo(UpdateOutcome.APPLIED);
      assertThat(e.fromImage()).isEqualTo(bed.image("svc:1.0.0"));
      assertThat(e.toImage()).isEqualTo(bed.image("svc:1.0.1"));
      assertThat(e.toDigest()).startsWith("sha256:");
    });

    // Updating again keeps the re-attached volumes as they are
    assertThat(bed.refit("update", "upd-web").out()).contains("up to date");
  }

  @Test
  void anImageThatCrashesIsRolledBackToTheSameContainer() {
    String oldId =
        bed.run(
            "upd-crash",
            """
            {"Image": "%s", "Volumes": {"/anon": {}}, "StopTimeout": 1,
             "HostConfig": {"NetworkMode": "none", "RestartPolicy": {"Name": "unless-stopped"}}}
            """
                .formatted(bed.image("crash:1.0.0")),
            Map.of());
    bed.exec("upd-crash", "sh", "-c", "echo keep > /anon/f");
    String startedBefore = bed.inspect(oldId).path("State").path("StartedAt").asText();

    RefitCli.Run run = bed.refit("update", "upd-crash");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("rolled back").contains("| boom");
    assertRestored("upd-crash", oldId, startedBefore);
    assertThat(bed.exec("upd-crash", "cat", "/anon/f")).isEqualTo("keep\n");
    assertThat(bed.history()).first().satisfies(e -> {
      assertThat(e.targetName()).isEqualTo("upd-crash");
      assertThat(e.outcome()).isEqualTo(UpdateOutcome.ROLLED_BACK);
      assertThat(e.message()).contains("boom");
    });
    assertThat(bed.unfinishedJournalEntries()).isZero();
    assertThat(bed.refit("history").out())
        .containsPattern("upd-crash +" + java.util.regex.Pattern.quote(bed.image("crash:1.0.0")) + " +\\S+ +rolled back +the new upd-crash .*exited with code 3.*boom");
  }

  @Test
  void notifiersHearWhatRefitUpdateFoundAndDidOnTheCommandLine() throws Exception {
    bed.run("upd-told", "{\"Image\": \"%s\", \"StopTimeout\": 1, \"HostConfig\": {\"NetworkMode\": \"none\"}}"
        .formatted(bed.image("svc:1.0.0")), Map.of());
    bed.run("upd-told-crash", "{\"Image\": \"%s\", \"StopTimeout\": 1, \"HostConfig\": {\"NetworkMode\": \"none\"}}"
        .formatted(bed.image("crash:1.0.0")), Map.of());
    try (HttpReceiver receiver = new HttpReceiver()) {
      RefitCli.Run run =
          bed.refit(
              Map.of(
                  "REFIT_NOTIFY_HOOK_TYPE", "webhook",
                  "REFIT_NOTIFY_HOOK_URL", receiver.url("/hook"),
                  "HOSTNAME", "edge-1"),
              "update", "upd-told", "upd-told-crash");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      // refit update has returned: every delivery is done by then
      Map<String, JsonNode> events = new java.util.HashMap<>();
      for (HttpReceiver.Request r : receiver.drain()) {
        JsonNode event = UpdateTestbed.json(r.body());
        events.put(event.path("event").asText() + " " + event.path("target").path("name").asText(), event);
      }
      assertThat(events.keySet())
          .containsExactlyInAnyOrder(
              "update_available upd-told", "applied upd-told",
              "update_available upd-told-crash", "rolled_back upd-told-crash");
      JsonNode applied = events.get("applied upd-told");
      assertThat(applied.path("target").path("kind").asText()).isEqualTo("container");
      assertThat(applied.path("current").path("image").asText()).isEqualTo(bed.image("svc:1.0.0"));
      assertThat(applied.path("available").path("image").asText()).isEqualTo(bed.image("svc:1.0.1"));
      assertThat(applied.path("hostname").asText()).isEqualTo("edge-1");
      assertThat(events.get("rolled_back upd-told-crash").path("message").asText()).contains("exited with code 3");
    }
  }

  @Test
  void anImageWhoseHealthcheckFailsIsRolledBack() {
    String oldId =
        bed.run(
            "upd-sick",
            """
            {"Image": "%s", "StopTimeout": 1,
             "Healthcheck": {"Test": ["CMD-SHELL", "test -f /tmp/ready"], "Interval": 300000000, "Retries": 2},
             "HostConfig": {"NetworkMode": "none", "Binds": ["upd-sick-data:/data"]}}
            """
                .formatted(bed.image("sick:1.0.0")),
            Map.of());
    bed.exec("upd-sick", "sh", "-c", "echo keep > /data/f");
    String startedBefore = bed.inspect(oldId).path("State").path("StartedAt").asText();

    RefitCli.Run run = bed.refit("update", "upd-sick");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("rolled back").contains("unhealthy");
    assertRestored("upd-sick", oldId, startedBefore);
    assertThat(bed.exec("upd-sick", "cat", "/data/f")).isEqualTo("keep\n");
    assertThat(bed.history()).first().satisfies(e -> assertThat(e.outcome()).isEqualTo(UpdateOutcome.ROLLED_BACK));
    bed.containers.removeAll();
    bed.docker.removeVolumeCmd("upd-sick-data").exec();
  }

  @Test
  void containersSharingItsNamespaceOrDependingOnItFollowTheUpdatedContainer() {
    String parentId =
        bed.run("upd-parent", "{\"Image\": \"%s\", \"StopTimeout\": 1, \"HostConfig\": {\"NetworkMode\": \"none\"}}"
            .formatted(bed.image("svc:1.0.0")), Map.of());
    String sideId =
        bed.run(
            "upd-side",
            "{\"Image\": \"%s\", \"StopTimeout\": 1, \"Labels\": {\"refit.stability\": \"1s\"}, \"HostConfig\": {\"NetworkMode\": \"container:upd-parent\"}}"
                .formatted(bed.image("crash:1.0.0")),
            Map.of());
    String followerId =
        bed.run(
            "upd-follower",
            "{\"Image\": \"%s\", \"StopTimeout\": 1, \"Labels\": {\"refit.depends-on\": \"upd-parent\"}, \"HostConfig\": {\"NetworkMode\": \"none\"}}"
                .formatted(bed.image("crash:1.0.0")),
            Map.of());
    assertThat(bed.inspect(sideId).path("HostConfig").path("NetworkMode").asText()).isEqualTo("container:" + parentId);
    String followerStarted = bed.inspect(followerId).path("State").path("StartedAt").asText();

    RefitCli.Run run = bed.refit("update", "upd-parent");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode parent = bed.inspect("upd-parent");
    assertThat(parent.path("Id").asText()).isNotEqualTo(parentId);
    JsonNode side = bed.inspect("upd-side");
    assertThat(side.path("Id").asText()).as("recreated: its namespace was the old container's").isNotEqualTo(sideId);
    assertThat(side.path("HostConfig").path("NetworkMode").asText())
        .isEqualTo("container:" + parent.path("Id").asText());
    assertThat(side.path("Config").path("Image").asText()).isEqualTo(bed.image("crash:1.0.0"));
    assertThat(side.path("State").path("Running").asBoolean()).isTrue();
    assertThat(startedAt(side)).isAfter(startedAt(parent));
    assertThat(bed.exists(sideId)).isFalse();
    JsonNode follower = bed.inspect("upd-follower");
    assertThat(follower.path("Id").asText()).isEqualTo(followerId);
    assertThat(follower.path("State").path("StartedAt").asText()).as("restarted").isNotEqualTo(followerStarted);
    assertThat(startedAt(follower)).isAfter(startedAt(parent));
  }

  @Test
  void dryRunAndMonitorOnlyChangeNothingAndNeverShowSecrets() {
    String id =
        bed.run(
            "upd-dry",
            "{\"Image\": \"%s\", \"Env\": [\"SECRET=hunter2\"], \"StopTimeout\": 1, \"HostConfig\": {\"NetworkMode\": \"none\"}}"
                .formatted(bed.image("svc:1.0.0")),
            Map.of());
    String labelled =
        bed.run(
            "upd-watch",
            "{\"Image\": \"%s\", \"Labels\": {\"refit.monitor-only\": \"true\"}, \"HostConfig\": {\"NetworkMode\": \"none\"}}"
                .formatted(bed.image("svc:1.0.0")),
            Map.of());

    RefitCli.Run dry = bed.refit("update", "--dry-run", "upd-dry");
    assertThat(dry.exitCode()).as(dry.toString()).isZero();
    assertThat(dry.out())
        .contains("upd-dry: would update")
        .contains("env:      SECRET=***\n")
        .contains("image:    " + bed.image("svc:1.0.1"))
        .doesNotContain("hunter2");

    RefitCli.Run monitor = bed.refit("update", "--monitor-only", "upd-dry", "upd-watch");
    assertThat(monitor.exitCode()).as(monitor.toString()).isZero();
    assertThat(monitor.out()).contains("held: monitor only (--monitor-only)");
    RefitCli.Run watch = bed.refit("update", "upd-watch");
    assertThat(watch.out()).contains("held: monitor only (label refit.monitor-only)");

    assertThat(bed.inspect("upd-dry").path("Id").asText()).isEqualTo(id);
    assertThat(bed.inspect("upd-watch").path("Id").asText()).isEqualTo(labelled);
    assertThat(bed.history()).noneMatch(e -> e.targetName().equals("upd-dry") || e.targetName().equals("upd-watch"));
    assertThat(bed.refit("update", "upd-nonexistent").exitCode()).isEqualTo(1);
  }

  @Test
  void lifecycleHooksRunInsideTheContainerAndAFailingPreUpdateHookSkipsIt() {
    String vetoed =
        bed.run(
            "upd-veto",
            "{\"Image\": \"%s\", \"Labels\": {\"refit.pre-update\": \"echo not now; exit 7\"}, \"HostConfig\": {\"NetworkMode\": \"none\"}}"
                .formatted(bed.image("svc:1.0.0")),
            Map.of());
    bed.run(
        "upd-hooked",
        """
        {"Image": "%s", "StopTimeout": 1,
         "Labels": {"refit.pre-update": "echo pre > /data/pre", "refit.post-update": "echo post > /data/post"},
         "HostConfig": {"NetworkMode": "none", "Binds": ["upd-hooks-data:/data"]}}
        """
            .formatted(bed.image("svc:1.0.0")),
        Map.of());

    RefitCli.Run run = bed.refit("update", "upd-veto", "upd-hooked");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("failed: skipped: pre-update hook exited with code 7: not now");
    assertThat(bed.inspect("upd-veto").path("Id").asText()).isEqualTo(vetoed);
    assertThat(bed.inspect("upd-hooked").path("Config").path("Image").asText()).isEqualTo(bed.image("svc:1.0.1"));
    assertThat(bed.exec("upd-hooked", "cat", "/data/pre", "/data/post")).isEqualTo("pre\npost\n");
    bed.containers.removeAll();
    bed.docker.removeVolumeCmd("upd-hooks-data").exec();
  }

  private static void assertRestored(String name, String oldId, String startedBefore) {
    JsonNode now = bed.inspect(name);
    assertThat(now.path("Id").asText()).isEqualTo(oldId);
    assertThat(now.path("State").path("Running").asBoolean()).isTrue();
    assertThat(now.path("State").path("StartedAt").asText()).isNotEqualTo(startedBefore);
    assertThat(bed.exists(name + "-refit-old")).isFalse();
    assertThat(
            bed.docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(name)).exec())
        .hasSize(1);
  }

  /**
   * The inspect without what must differ between two containers (ids, times, paths, the engine's
   * runtime state) and without what the image decides (compared on their own).
   */
  private static JsonNode normalized(JsonNode inspect) {
    ObjectNode n = inspect.deepCopy();
    for (String field : List.of("Id", "Created", "Image", "State", "GraphDriver", "ResolvConfPath",
        "HostnamePath", "HostsPath", "LogPath", "Path", "Args", "ExecIDs", "RestartCount")) {
      n.remove(field);
    }
    ObjectNode config = (ObjectNode) n.get("Config");
    for (String field : List.of("Image", "Hostname", "Env", "Labels", "WorkingDir", "Cmd", "ExposedPorts")) {
      config.remove(field);
    }
    // the one addition: anonymous volumes, mounted by name so their data stays
    ObjectNode host = (ObjectNode) n.get("HostConfig");
    JsonNode mounts = host.remove("Mounts");
    if (mounts != null) {
      for (JsonNode m : mounts) {
        assertThat(m.path("Source").asText()).matches("[0-9a-f]{64}");
      }
    }
    for (JsonNode m : n.path("Mounts")) {
      ((ObjectNode) m).remove("Mode");
    }
    ArrayNode sorted = UpdateTestbed.JSON.createArrayNode();
    List<JsonNode> list = new ArrayList<>();
    n.path("Mounts").forEach(list::add);
    list.sort((a, b) -> a.path("Destination").asText().compareTo(b.path("Destination").asText()));
    list.forEach(sorted::add);
    n.set("Mounts", sorted);
    ObjectNode settings = (ObjectNode) n.get("NetworkSettings");
    for (String field : List.of("SandboxID", "SandboxKey", "Ports")) {
      settings.remove(field);
    }
    String id = inspect.path("Id").asText();
    Iterator<Map.Entry<String, JsonNode>> networks = settings.path("Networks").fields();
    while (networks.hasNext()) {
      ObjectNode endpoint = (ObjectNode) networks.next().getValue();
      endpoint.remove("EndpointID");
      if (endpoint.path("IPAMConfig").isNull()) {
        // the engine chose them; only configured addresses must survive
        endpoint.remove("IPAddress");
        endpoint.remove("MacAddress");
      }
      ArrayNode aliases = UpdateTestbed.JSON.createArrayNode();
      endpoint.path("Aliases").forEach(a -> {
        if (!a.asText().equals(id.substring(0, 12))) {
          aliases.add(a);
        }
      });
      endpoint.set("Aliases", aliases);
    }
    return n;
  }

  private static Instant startedAt(JsonNode inspect) {
    return Instant.parse(inspect.path("State").path("StartedAt").asText());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}

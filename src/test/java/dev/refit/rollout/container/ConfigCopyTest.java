package dev.refit.rollout.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigCopyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ID = "1e011dfbc85a8c48f746c9627605be86c599ecc31337b9d7f53fe1b93f6cc115";
  private static final String ANON = "62a4f7c8c8b35161bd9100979b528383a9b146269013e6fb81dcb489ff1876c3";
  private static final String ANON2 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static final JsonNode IMAGE =
      json(
          """
          {"Env": ["PATH=/usr/bin:/bin", "VERSION=1"],
           "Labels": {"org.opencontainers.image.version": "1.0.0", "shared": "image"},
           "Cmd": ["/bin/serve"], "Entrypoint": null, "WorkingDir": "/srv", "User": "app",
           "Healthcheck": {"Test": ["CMD", "/bin/check"], "Interval": 30000000000, "Retries": 3},
           "ExposedPorts": {"80/tcp": {}, "9090/tcp": {}},
           "Volumes": {"/cache": {}}, "StopSignal": "SIGQUIT", "OnBuild": null}
          """);

  private static ContainerInfo container(String hostConfigAndMore) {
    return new ContainerInfo(
        json(
            """
            {"Id": "%s", "Name": "/web", "Image": "sha256:old",
             "Config": {"Hostname": "1e011dfbc85a", "Domainname": "", "User": "app",
               "Env": ["PATH=/usr/bin:/bin", "VERSION=1", "SECRET=s3cret", "VERSION_PIN=2"],
               "Labels": {"org.opencontainers.image.version": "1.0.0", "shared": "mine",
                 "com.docker.compose.project": "shop"},
               "Cmd": ["/bin/serve"], "Entrypoint": null, "WorkingDir": "/srv",
               "Healthcheck": {"Test": ["CMD", "/bin/check"], "Interval": 1000000000, "Retries": 3},
               "ExposedPorts": {"80/tcp": {}, "9090/tcp": {}, "8443/tcp": {}},
               "Volumes": {"/cache": {}, "/anon": {}}, "StopSignal": "SIGQUIT", "StopTimeout": 3,
               "MacAddress": "02:42:aa:bb:cc:dd", "Tty": false, "OpenStdin": false,
               "Image": "registry.example/app:1.0.0", "OnBuild": null},
             %s}
            """
                .formatted(ID, hostConfigAndMore)));
  }

  private static final String NETWORKED =
      """
      "HostConfig": {"NetworkMode": "front", "Binds": ["data:/data"],
        "PortBindings": {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": "8080"}]},
        "RestartPolicy": {"Name": "unless-stopped", "MaximumRetryCount": 0},
        "CapAdd": ["NET_ADMIN"], "Mounts": [{"Type": "volume", "Target": "/spool"}]},
      "Mounts": [
        {"Type": "volume", "Name": "data", "Destination": "/data", "RW": true},
        {"Type": "volume", "Name": "%s", "Destination": "/anon", "RW": true},
        {"Type": "volume", "Name": "%s", "Destination": "/cache", "RW": false},
        {"Type": "volume", "Name": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "Destination": "/spool", "RW": true}],
      "NetworkSettings": {"Networks": {
        "back": {"IPAMConfig": null, "Aliases": ["db-client", "1e011dfbc85a"], "Links": ["cache:c"],
                 "NetworkID": "222", "IPAddress": "10.0.2.7", "MacAddress": "02:42:0a:00:02:07",
                 "DriverOpts": {"com.example.opt": "1"}},
        "front": {"IPAMConfig": {"IPv4Address": "10.0.1.50"}, "Aliases": ["web", "1e011dfbc85a"],
                  "NetworkID": "111", "IPAddress": "10.0.1.50", "MacAddress": "02:42:aa:bb:cc:dd"}}}
      """
          .formatted(ANON, ANON2);

  @Test
  void keepsTheUsersSettingsAndDropsTheOldImagesDefaults() {
    CreateRequest request =
        new ConfigCopy("machine").copy(container(NETWORKED), IMAGE, "registry.example/app:1.1.0", Map.of());
    JsonNode body = request.body();

    assertThat(request.name()).isEqualTo("web");
    assertThat(body.path("Image").asText()).isEqualTo("registry.example/app:1.1.0");
    assertThat(texts(body.path("Env"))).containsExactly("SECRET=s3cret", "VERSION_PIN=2");
    assertThat(body.path("Labels").toString())
        .isEqualTo("{\"shared\":\"mine\",\"com.docker.compose.project\":\"shop\"}");
    assertThat(body.has("Cmd")).isFalse();
    assertThat(body.has("Entrypoint")).isFalse();
    assertThat(body.has("WorkingDir")).isFalse();
    assertThat(body.has("User")).isFalse();
    assertThat(body.has("StopSignal")).isFalse();
    assertThat(body.path("StopTimeout").asInt()).isEqualTo(3);
    assertThat(body.path("Healthcheck").toString()).isEqualTo("{\"Interval\":1000000000}");
    assertThat(body.path("ExposedPorts").toString()).isEqualTo("{\"80/tcp\":{},\"8443/tcp\":{}}");
    assertThat(body.path("Volumes").toString()).isEqualTo("{\"/anon\":{}}");
    assertThat(body.has("Hostname")).as("the engine's short-id hostname").isFalse();
    assertThat(body.path("MacAddress").asText()).isEqualTo("02:42:aa:bb:cc:dd");
  }

  @Test
  void copiesTheHostConfigWholeAndReattachesAnonymousVolumes() {
    JsonNode host =
        new ConfigCopy("machine")
            .copy(container(NETWORKED), IMAGE, "app:2", Map.of())
            .body()
            .path("HostConfig");

    assertThat(host.path("Binds").toString()).isEqualTo("[\"data:/data\"]");
    assertThat(host.path("PortBindings").toString()).contains("8080");
    assertThat(host.path("RestartPolicy").path("Name").asText()).isEqualTo("unless-stopped");
    assertThat(host.path("CapAdd").toString()).isEqualTo("[\"NET_ADMIN\"]");
    assertThat(host.path("Mounts").toString())
        .isEqualTo(
            "[{\"Type\":\"volume\",\"Target\":\"/spool\",\"Source\":\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"},"
                + "{\"Type\":\"volume\",\"Source\":\"" + ANON + "\",\"Target\":\"/anon\"},"
                + "{\"Type\":\"volume\",\"Source\":\"" + ANON2 + "\",\"Target\":\"/cache\",\"ReadOnly\":true}]");
  }

  @Test
  void keepsEveryNetworkWithAliasesAddressesLinksAndOptions() {
    CreateRequest request = new ConfigCopy("machine").copy(container(NETWORKED), IMAGE, "app:2", Map.of());

    JsonNode endpoints = request.body().path("NetworkingConfig").path("EndpointsConfig");
    assertThat(texts(endpoints.fieldNames())).containsExactly("front");
    assertThat(endpoints.path("front").toString())
        .isEqualTo("{\"IPAMConfig\":{\"IPv4Address\":\"10.0.1.50\"},\"Aliases\":[\"web\"]}");
    assertThat(request.laterNetworks()).containsOnlyKeys("back");
    assertThat(request.laterNetworks().get("back").toString())
        .isEqualTo(
            "{\"Links\":[\"cache:c\"],\"Aliases\":[\"db-client\"],\"DriverOpts\":{\"com.example.opt\":\"1\"}}");
  }

  @Test
  void aContainerSharingAnothersNetworkIsRepointedByNameAndLosesTheHostnameItInherited() {
    String parent = "9f".repeat(32);
    ContainerInfo dependant =
        container(
            """
            "HostConfig": {"NetworkMode": "container:%s", "PidMode": "container:%s"},
            "Mounts": [], "NetworkSettings": {"Networks": {}}
            """
                .formatted(parent, parent));

    CreateRequest request =
        new ConfigCopy("machine").copy(dependant, IMAGE, "app:1", Map.of(parent, "web"));

    assertThat(request.body().path("HostConfig").path("NetworkMode").asText()).isEqualTo("container:web");
    assertThat(request.body().path("HostConfig").path("PidMode").asText()).isEqualTo("container:web");
    assertThat(request.body().has("Hostname")).isFalse();
    assertThat(request.body().has("Domainname")).isFalse();
    assertThat(request.body().has("NetworkingConfig")).isFalse();
    assertThat(request.laterNetworks()).isEmpty();
  }

  @Test
  void hostNetworkHostnameIsTheMachinesAndAUserHostnameStays() {
    String host = "\"HostConfig\": {\"NetworkMode\": \"host\"}, \"Mounts\": [], \"NetworkSettings\": {\"Networks\": {\"host\": {}}}";
    ContainerInfo onHost = container(host.replace("}, \"Mounts", "}, \"Mounts"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) onHost.config()).put("Hostname", "machine");
    assertThat(new ConfigCopy("machine").copy(onHost, IMAGE, "app:1", Map.of()).body().has("Hostname")).isFalse();

    ((com.fasterxml.jackson.databind.node.ObjectNode) onHost.config()).put("Hostname", "chosen");
    assertThat(new ConfigCopy("machine").copy(onHost, IMAGE, "app:1", Map.of()).body().path("Hostname").asText())
        .isEqualTo("chosen");
  }

  @Test
  void aUserEntrypointKeepsItsCommandEvenWhenItEqualsTheImages() {
    ContainerInfo c = container(NETWORKED);
    ((com.fasterxml.jackson.databind.node.ObjectNode) c.config()).set("Entrypoint", json("[\"/bin/other\"]"));
    JsonNode body = new ConfigCopy("machine").copy(c, IMAGE, "app:1", Map.of()).body();
    assertThat(body.path("Entrypoint").toString()).isEqualTo("[\"/bin/other\"]");
    assertThat(body.path("Cmd").toString()).isEqualTo("[\"/bin/serve\"]");
  }

  @Test
  void bindDestinations() {
    assertThat(ConfigCopy.bindDestination("data:/data")).isEqualTo("/data");
    assertThat(ConfigCopy.bindDestination("/srv/x:/x:ro")).isEqualTo("/x");
  }

  private static java.util.List<String> texts(JsonNode array) {
    java.util.List<String> out = new java.util.ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static java.util.List<String> texts(java.util.Iterator<String> it) {
    java.util.List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}

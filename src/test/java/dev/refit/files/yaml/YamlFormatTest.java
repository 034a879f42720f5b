package dev.refit.files.yaml;

import static dev.refit.files.FormatTesting.describeAll;
import static dev.refit.files.FormatTesting.editProblem;
import static dev.refit.files.FormatTesting.edited;
import static dev.refit.files.FormatTesting.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.files.FileParseException;
import dev.refit.files.FormatTesting;
import dev.refit.files.ImageSite;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlFormatTest {
  private final YamlFormat format = new YamlFormat();

  @Test
  void acceptsYamlNames() {
    assertThat(format.accepts(Path.of("compose.yaml"))).isTrue();
    assertThat(format.accepts(Path.of("k8s/Deploy.YML"))).isTrue();
    assertThat(format.accepts(Path.of("Dockerfile"))).isFalse();
  }

  @Test
  void composeServicesWithCommentsAndQuoting() {
    String text =
        """
        # compose file
        services:
          dns:
            image: pihole/pihole:2022.12   # refit: semver:patch
            restart: unless-stopped
          web:
            image: "nginx:1.25.3-alpine"
          cache:
            image: 'redis:7.2.3'
          db:
            # refit: ignore
            image: postgres:16.1
          built:
            build: .
          templated:
            image: ${REGISTRY}/app:${TAG}
        """;
    List<ImageSite> sites = find(format, "compose.yaml", text);
    assertThat(describeAll(sites))
        .containsExactly(
            "4: pihole/pihole:2022.12 [semver:patch]",
            "7: nginx:1.25.3-alpine",
            "9: redis:7.2.3",
            "12: postgres:16.1 [ignore]");
    assertThat(edited(sites.get(0), "2022.12.1"))
        .isEqualTo(text.replace("pihole:2022.12 ", "pihole:2022.12.1 "));
    assertThat(edited(sites.get(1), "1.26.0-alpine"))
        .isEqualTo(text.replace("\"nginx:1.25.3-alpine\"", "\"nginx:1.26.0-alpine\""));
    assertThat(edited(sites.get(2), "7.2.4")).isEqualTo(text.replace("'redis:7.2.3'", "'redis:7.2.4'"));
  }

  @Test
  void kubernetesWorkloadsInSeveralDocuments() {
    String text =
        """
        apiVersion: apps/v1
        kind: Deployment
        spec:
          template:
            spec:
              initContainers:
                - name: init
                  image: busybox:1.36.0
              containers:
                - {name: app, image: ghcr.io/acme/app:1.4.0}
                - name: sidecar
                  image: >-
                    envoyproxy/envoy:v1.28.0
        ---
        apiVersion: batch/v1
        kind: CronJob
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    - name: backup
                      image: "registry.local:5000/backup:2.0.1@sha256:%s"
        """
            .formatted("a".repeat(64));
    List<ImageSite> sites = find(format, "k8s.yaml", text);
    assertThat(describeAll(sites))
        .containsExactly(
            "8: busybox:1.36.0",
            "10: ghcr.io/acme/app:1.4.0",
            "12: envoyproxy/envoy:v1.28.0",
            "24: registry.local:5000/backup:2.0.1@sha256:" + "a".repeat(64));
    assertThat(edited(sites.get(1), "1.5.0")).isEqualTo(text.replace("app:1.4.0}", "app:1.5.0}"));
    // a folded scalar is read but its text is not the value: refuse rather than guess
    assertThat(editProblem(sites.get(2), "v1.29.0")).isPresent();
    assertThat(edited(sites.get(3), "2.0.2", FormatTesting.NEW_DIGEST))
        .isEqualTo(text.replace("2.0.1@sha256:" + "a".repeat(64), "2.0.2@sha256:" + "b".repeat(64)));
  }

  @Test
  void helmValues() {
    String text =
        """
        image:
          registry: docker.io
          repository: bitnami/redis
          tag: "7.2.3-debian-11-r0"   # refit: regex:^(?<version>\\d+\\.\\d+\\.\\d+)-debian-11-r\\d+$
          pullPolicy: IfNotPresent
        metrics:
          image:
            repository: oliver006/redis_exporter
            tag: v1.55.0
            digest: ""
        sidecar:
          image:
            repository: busybox
            tag: ""
        """;
    List<ImageSite> sites = find(format, "values.yaml", text);
    assertThat(describeAll(sites))
        .containsExactly(
            "4: docker.io/bitnami/redis:7.2.3-debian-11-r0 [regex:^(?<version>\\d+\\.\\d+\\.\\d+)-debian-11-r\\d+$]",
            "9: oliver006/redis_exporter:v1.55.0");
    assertThat(edited(sites.get(0), "7.2.4-debian-11-r1"))
        .isEqualTo(text.replace("\"7.2.3-debian-11-r0\"", "\"7.2.4-debian-11-r1\""));
    assertThat(edited(sites.get(1), "v1.56.0")).isEqualTo(text.replace("tag: v1.55.0", "tag: v1.56.0"));
  }

  @Test
  void anAliasIsOneImage() {
    String text =
        """
        x-base: &base
          image: nginx:1.25.3
        services:
          a: *base
          b:
            <<: *base
        """;
    assertThat(describeAll(find(format, "compose.yml", text))).containsExactly("2: nginx:1.25.3");
  }

  @Test
  void malformedYamlNamesItsLine() {
    String text = "services:\n  web:\n    image: nginx:1.0\n  db: [unclosed\n  x: 1\n";
    assertThatThrownBy(() -> find(format, "compose.yaml", text))
        .isInstanceOfSatisfying(
            FileParseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(5);
              assertThat(e.reason()).startsWith("not valid YAML: ");
            });
    assertThatThrownBy(() -> find(format, "compose.yaml", "a: b\nc: d: e\n"))
        .isInstanceOfSatisfying(
            FileParseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.reason()).isEqualTo("not valid YAML: mapping values are not allowed here");
            });
  }

  @Test
  void helmTemplatesAreNotErrors() {
    String text = "spec:\n  image: {{ .Values.image.repository }}:{{ .Values.image.tag }}\n  {{- if .Values.x }}\n";
    assertThat(find(format, "templates/deploy.yaml", text)).isEmpty();
  }

  @Test
  void crlfNoFinalNewlineAndCharactersBeyondTheBmp() {
    String text = "# \uD83D\uDE80 rocket\r\nservices:\r\n  web:\r\n    image: nginx:1.25.3 # \uD83D\uDE80\r\n  db:\r\n    image: postgres:16.1";
    List<ImageSite> sites = find(format, "compose.yaml", text);
    assertThat(describeAll(sites)).containsExactly("4: nginx:1.25.3", "6: postgres:16.1");
    assertThat(edited(sites.get(0), "1.25.4")).isEqualTo(text.replace("nginx:1.25.3", "nginx:1.25.4"));
    assertThat(edited(sites.get(1), "16.2")).isEqualTo(text.replace("postgres:16.1", "postgres:16.2"));
  }

  @Test
  void nullAndEmptyImagesAreLeftOut() {
    assertThat(find(format, "a.yaml", "image:\nx:\n  image: ~\ny:\n  image: ''\n")).isEmpty();
  }

  @Test
  void anEmptyFileHasNoImages() {
    assertThat(find(format, "a.yaml", "")).isEmpty();
    assertThat(find(format, "a.yaml", "---\n# nothing\n")).isEmpty();
  }
}

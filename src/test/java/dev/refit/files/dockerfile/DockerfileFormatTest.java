package dev.refit.files.dockerfile;

import static dev.refit.files.FormatTesting.describeAll;
import static dev.refit.files.FormatTesting.editProblem;
import static dev.refit.files.FormatTesting.edited;
import static dev.refit.files.FormatTesting.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.files.FileParseException;
import dev.refit.files.ImageSite;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileFormatTest {
  private final DockerfileFormat format = new DockerfileFormat();

  @Test
  void acceptsDockerfileNames() {
    assertThat(format.accepts(Path.of("Dockerfile"))).isTrue();
    assertThat(format.accepts(Path.of("x/Dockerfile.prod"))).isTrue();
    assertThat(format.accepts(Path.of("api.dockerfile"))).isTrue();
    assertThat(format.accepts(Path.of("Containerfile"))).isTrue();
    assertThat(format.accepts(Path.of("Dockerfile.yaml"))).isTrue();
    assertThat(format.accepts(Path.of("docker-compose.yaml"))).isFalse();
  }

  @Test
  void fromLinesWithPlatformAndStagesIgnoringStageNames() {
    String text =
        """
        # syntax=docker/dockerfile:1
        FROM --platform=$BUILDPLATFORM golang:1.21.5-alpine AS build
        RUN go build -o /app .

        from build as test
        RUN go test ./...

        # refit: semver:patch
        FROM gcr.io/distroless/static-debian12:nonroot AS runtime
        FROM scratch
        COPY --from=build /app /app
        FROM runtime
        """;
    List<ImageSite> sites = find(format, "Dockerfile", text);
    assertThat(describeAll(sites))
        .containsExactly(
            "2: golang:1.21.5-alpine",
            "9: gcr.io/distroless/static-debian12:nonroot [semver:patch]");
    assertThat(edited(sites.get(0), "1.21.6-alpine"))
        .isEqualTo(text.replace("golang:1.21.5-alpine", "golang:1.21.6-alpine"));
  }

  @Test
  void versionsInGlobalArgs() {
    String text =
        """
        ARG NODE_VERSION=20.10.0
        # refit: semver:patch
        ARG ALPINE="3.19"
        ARG UNSET
        FROM node:${NODE_VERSION}-alpine AS deps
        FROM alpine:$ALPINE
        FROM ${UNSET}
        FROM nginx:${NODE_VERSION:-1.0}
        ARG LOCAL=1.0
        """;
    List<ImageSite> sites = find(format, "Dockerfile", text);
    assertThat(describeAll(sites))
        .containsExactly("5: node:20.10.0-alpine", "6: alpine:3.19 [semver:patch]");
    // node:${NODE_VERSION}-alpine: the tag spans the ARG and literal text; the part that changes
    // is in the ARG, so that is what is edited
    assertThat(edited(sites.get(0), "20.11.0-alpine"))
        .isEqualTo(text.replace("NODE_VERSION=20.10.0", "NODE_VERSION=20.11.0"));
    // a change of the literal part as well is written where each part is written
    assertThat(edited(sites.get(0), "21.0.0-slim"))
        .isEqualTo(
            text.replace("NODE_VERSION=20.10.0", "NODE_VERSION=21.0.0")
                .replace("${NODE_VERSION}-alpine", "${NODE_VERSION}-slim"));
    assertThat(edited(sites.get(1), "3.20")).isEqualTo(text.replace("\"3.19\"", "\"3.20\""));
  }

  @Test
  void aVersionArgAloneIsEditable() {
    String text = "ARG TAG=1.25.3\nFROM nginx:${TAG}\n";
    ImageSite site = find(format, "Dockerfile", text).get(0);
    assertThat(site.reference().text()).isEqualTo("nginx:1.25.3");
    assertThat(edited(site, "1.25.4")).isEqualTo("ARG TAG=1.25.4\nFROM nginx:${TAG}\n");
  }

  @Test
  void continuationLinesCrlfAndTheEscapeDirective() {
    String text = "FROM \\\r\n  --platform=linux/amd64 \\\r\n  nginx:1.25.3 \\\r\n  AS web\r\nRUN true";
    ImageSite site = find(format, "Dockerfile", text).get(0);
    assertThat(site.line()).isEqualTo(1);
    assertThat(edited(site, "1.25.4")).isEqualTo(text.replace("nginx:1.25.3", "nginx:1.25.4"));

    String backtick = "# escape=`\nFROM `\n  nginx:1.25.3\nRUN dir c:\\\n";
    assertThat(describeAll(find(format, "Dockerfile", backtick))).containsExactly("2: nginx:1.25.3");
  }

  @Test
  void aFromWithoutImageIsAnError() {
    assertThatThrownBy(() -> find(format, "Dockerfile", "FROM alpine:3.19\nFROM --platform=linux/amd64\n"))
        .isInstanceOfSatisfying(
            FileParseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.reason()).isEqualTo("FROM names no image");
            });
    assertThatThrownBy(() -> find(format, "Dockerfile", "FROM alpine:3.19 AS a b\n"))
        .isInstanceOf(FileParseException.class)
        .hasMessage("FROM alpine:3.19 is followed by 'AS'; only AS <stage> may follow the image");
  }
}

package dev.refit.files.dotenv;

import static dev.refit.files.FormatTesting.describeAll;
import static dev.refit.files.FormatTesting.edited;
import static dev.refit.files.FormatTesting.editProblem;
import static dev.refit.files.FormatTesting.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.files.FileParseException;
import dev.refit.files.FormatTesting;
import dev.refit.files.ImageSite;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DotenvFormatTest {
  private final DotenvFormat format = new DotenvFormat();

  @Test
  void acceptsDotenvNames() {
    assertThat(format.accepts(Path.of("a/.env"))).isTrue();
    assertThat(format.accepts(Path.of(".env.production"))).isTrue();
    assertThat(format.accepts(Path.of("prod.env"))).isTrue();
    assertThat(format.accepts(Path.of("env.txt"))).isFalse();
    assertThat(format.accepts(Path.of("compose.yaml"))).isFalse();
  }

  @Test
  void findsWholeReferencesInImageKeys() {
    String text =
        """
        # the stack
        PIHOLE_IMAGE=pihole/pihole:2022.12
        export NGINX_IMAGE = "nginx:1.25.3-alpine"   # front
        IMAGE='ghcr.io/acme/api:1.4.0'
        IMAGE_PULL_POLICY=Always
        HOSTNAME=pihole
        """;
    List<ImageSite> sites = find(format, ".env", text);
    assertThat(describeAll(sites))
        .containsExactly(
            "2: pihole/pihole:2022.12",
            "3: nginx:1.25.3-alpine",
            "4: ghcr.io/acme/api:1.4.0");
    assertThat(edited(sites.get(1), "1.26.0-alpine"))
        .isEqualTo(text.replace("nginx:1.25.3-alpine", "nginx:1.26.0-alpine"));
    assertThat(edited(sites.get(2), "1.5.0"))
        .isEqualTo(text.replace("'ghcr.io/acme/api:1.4.0'", "'ghcr.io/acme/api:1.5.0'"));
  }

  @Test
  void editsOnlyTheTagCharacters() {
    String text = "APP_IMAGE=registry.local:5000/app:1.0.0 # refit: semver:patch\nOTHER=1\n";
    ImageSite site = find(format, ".env", text).get(0);
    assertThat(site.marker()).isEqualTo("semver:patch");
    assertThat(edited(site, "1.0.1"))
        .isEqualTo("APP_IMAGE=registry.local:5000/app:1.0.1 # refit: semver:patch\nOTHER=1\n");
  }

  @Test
  void joinsGroupedKeys() {
    String text =
        """
        IMAGE_PIHOLE_REGISTRY=docker.io
        IMAGE_PIHOLE_NAME=pihole/pihole
        IMAGE_PIHOLE_VERSION=2022.12 # refit: semver:patch
        IMAGE_WEB_NAME="nginx"
        IMAGE_WEB_VERSION="1.25.3"
        """;
    List<ImageSite> sites = find(format, ".env", text);
    assertThat(describeAll(sites))
        .containsExactly("3: docker.io/pihole/pihole:2022.12 [semver:patch]", "5: nginx:1.25.3");
    assertThat(edited(sites.get(0), "2022.12.1"))
        .isEqualTo(text.replace("VERSION=2022.12 ", "VERSION=2022.12.1 "));
    assertThat(edited(sites.get(1), "1.25.4")).isEqualTo(text.replace("\"1.25.3\"", "\"1.25.4\""));
  }

  @Test
  void groupedKeysInAnyOrderWithADigest() {
    String text =
        "IMAGE_DB_VERSION=16.1@sha256:" + "a".repeat(64) + "\nIMAGE_DB_NAME=postgres\n";
    ImageSite site = find(format, ".env", text).get(0);
    assertThat(site.line()).isEqualTo(1);
    assertThat(site.reference().text()).isEqualTo("postgres:16.1@sha256:" + "a".repeat(64));
    assertThat(edited(site, "16.2", FormatTesting.NEW_DIGEST))
        .isEqualTo("IMAGE_DB_VERSION=16.2@sha256:" + "b".repeat(64) + "\nIMAGE_DB_NAME=postgres\n");
  }

  @Test
  void aVersionWithoutANameIsAnError() {
    assertThatThrownBy(() -> find(format, ".env", "A=1\nIMAGE_X_VERSION=1.0\n"))
        .isInstanceOfSatisfying(
            FileParseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.reason()).isEqualTo("IMAGE_X_VERSION has no IMAGE_X_NAME to go with it");
            });
  }

  @Test
  void leavesOutTemplatedAndEmptyValues() {
    String text =
        """
        WEB_IMAGE=${REGISTRY}/web:${TAG}
        API_IMAGE="$REGISTRY/api:1.0"
        LITERAL_IMAGE='$not/a:var'
        EMPTY_IMAGE=
        IMAGE_X_NAME=app
        IMAGE_X_VERSION=${X_VERSION}
        IMAGE_Y_NAME=app
        """;
    assertThat(describeAll(find(format, ".env", text))).containsExactly("3: $not/a:var");
  }

  @Test
  void keepsCrlfAndAMissingFinalNewline() {
    String text = "# images\r\nWEB_IMAGE=nginx:1.25.3\r\nDB_IMAGE=postgres:16.1";
    List<ImageSite> sites = find(format, ".env", text);
    assertThat(describeAll(sites)).containsExactly("2: nginx:1.25.3", "3: postgres:16.1");
    assertThat(edited(sites.get(0), "1.25.4"))
        .isEqualTo("# images\r\nWEB_IMAGE=nginx:1.25.4\r\nDB_IMAGE=postgres:16.1");
    assertThat(edited(sites.get(1), "16.2"))
        .isEqualTo("# images\r\nWEB_IMAGE=nginx:1.25.3\r\nDB_IMAGE=postgres:16.2");
  }

  @Test
  void escapedValuesAreReadButNotEdited() {
    ImageSite site = find(format, ".env", "WEB_IMAGE=\"ngin\\x:1.0\"\n").get(0);
    assertThat(site.reference().text()).isEqualTo("nginx:1.0");
    assertThat(editProblem(site, "1.1")).isPresent();
  }

  @Test
  void aMarkerOnTheLineAbove() {
    String text = "# refit: ignore\nWEB_IMAGE=nginx:1.25.3\n";
    assertThat(describeAll(find(format, ".env", text))).containsExactly("2: nginx:1.25.3 [ignore]");
  }

  @Test
  void badLinesNameTheirLine() {
    assertThatThrownBy(() -> find(format, ".env", "A=1\nthis is not dotenv\n"))
        .isInstanceOfSatisfying(
            FileParseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.reason()).isEqualTo("expected '=' after this");
            });
    assertThatThrownBy(() -> find(format, ".env", "A=1\nWEB_IMAGE=\"nginx:1.0\nB=2\n"))
        .isInstanceOfSatisfying(
            FileParseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.reason()).isEqualTo("the double-quoted value of WEB_IMAGE has no closing quote");
            });
    assertThatThrownBy(() -> find(format, ".env", "WEB_IMAGE='nginx:1.0' trailing\n"))
        .isInstanceOf(FileParseException.class)
        .hasMessage("unexpected text after the quoted value of WEB_IMAGE: 'trailing'");
  }

  @Test
  void multiLineQuotedValuesAreSkippedOver() {
    String text = "CERT=\"line one\nline two\"\nWEB_IMAGE=nginx:1.0\n";
    assertThat(describeAll(find(format, ".env", text))).containsExactly("3: nginx:1.0");
  }
}

package dev.refit.files.hcl;

import static dev.refit.files.FormatTesting.describeAll;
import static dev.refit.files.FormatTesting.edited;
import static dev.refit.files.FormatTesting.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.files.Edit;
import dev.refit.files.FileParseException;
import dev.refit.files.FileTexts;
import dev.refit.files.ImageSite;
import dev.refit.files.SourceFile;
import dev.refit.files.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HclFormatTest {
  private final HclFormat format = new HclFormat();

  @Test
  void acceptsTerraformNames() {
    assertThat(format.accepts(Path.of("main.tf"))).isTrue();
    assertThat(format.accepts(Path.of("prod.tfvars"))).isTrue();
    assertThat(format.accepts(Path.of("job.hcl"))).isTrue();
    assertThat(format.accepts(Path.of("main.tf.json"))).isFalse();
  }

  @Test
  void stringAttributesThatHoldImages() {
    String text =
        """
        # containers
        resource "docker_container" "web" {
          name  = "web"
          image = "nginx:1.25.3-alpine" // refit: semver:patch
        }

        resource "kubernetes_deployment" "api" {
          spec {
            template {
              spec {
                container {
                  image             = "ghcr.io/acme/api:1.4.0"
                  image_pull_policy = "Always"
                }
              }
            }
          }
        }

        resource "docker_image" "redis" {
          name = "redis:7.2.3"
        }

        resource "aws_ecs_task_definition" "t" {
          container_definitions = jsonencode([{
            name  = "worker"
            "image": "acme/worker:2.0.1",
          }])
          /* image = "commented/out:1.0" */
        }
        """;
    List<ImageSite> sites = find(format, "main.tf", text);
    assertThat(describeAll(sites))
        .containsExactly(
            "4: nginx:1.25.3-alpine [semver:patch]",
            "12: ghcr.io/acme/api:1.4.0",
            "21: redis:7.2.3",
            "27: acme/worker:2.0.1");
    assertThat(edited(sites.get(0), "1.25.4-alpine"))
        .isEqualTo(text.replace("nginx:1.25.3-alpine", "nginx:1.25.4-alpine"));
    assertThat(edited(sites.get(3), "2.0.2")).isEqualTo(text.replace("worker:2.0.1", "worker:2.0.2"));
  }

  @Test
  void localsBuiltFromNameAndVersion() {
    String text =
        """
        locals {
          app_name    = "registry.local:5000/app"
          app_version = "1.0.0" # refit: semver:patch
          app_image   = "${local.app_name}:${local.app_version}"
        }

        variable "db_version" {
          type    = string
          default = "16.1"
        }

        resource "docker_container" "db" {
          image = "postgres:${var.db_version}"
        }

        resource "docker_container" "other" {
          image = "${local.app_name}:${terraform.workspace}"
        }
        """;
    List<ImageSite> sites = find(format, "main.tf", text);
    assertThat(describeAll(sites))
        .containsExactly("4: registry.local:5000/app:1.0.0 [semver:patch]", "13: postgres:16.1");
    assertThat(edited(sites.get(0), "1.0.1"))
        .isEqualTo(text.replace("app_version = \"1.0.0\"", "app_version = \"1.0.1\""));
    assertThat(edited(sites.get(1), "16.2")).isEqualTo(text.replace("\"16.1\"", "\"16.2\""));
  }

  @Test
  void variablesInAnotherFileOfTheModule(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("variables.tf"), "variable \"web_tag\" {\n  default = \"1.25.3\"\n}\n");
    Files.writeString(dir.resolve("main.tf"), "resource \"docker_container\" \"web\" {\n  image = \"nginx:${var.web_tag}\"\n}\n");
    FileTexts texts = new FileTexts();
    SourceFile main = texts.load(dir.resolve("main.tf"));
    List<ImageSite> sites = format.find(main, texts);
    assertThat(describeAll(sites)).containsExactly("2: nginx:1.25.3");
    ImageSite site = sites.get(0);
    Span tag = site.reference().locate(6, 12).orElseThrow();
    assertThat(tag.file().path()).isEqualTo(dir.resolve("variables.tf"));
    assertThat(tag.line()).isEqualTo(2);
    assertThat(new Edit(tag, "1.25.4").span().text()).isEqualTo("1.25.3");
  }

  @Test
  void variablesNamedImageAndTfvars() {
    String text = "variable \"proxy_image\" {\n  default = \"traefik:v2.10.7\"\n}\n";
    assertThat(describeAll(find(format, "variables.tf", text))).containsExactly("2: traefik:v2.10.7");
    assertThat(describeAll(find(format, "prod.tfvars", "proxy_image = \"traefik:v2.10.7\"\nreplicas = 3\n")))
        .containsExactly("1: traefik:v2.10.7");
  }

  @Test
  void heredocsAndEscapesAreNotMistakenForImages() {
    String text =
        """
        locals {
          script = <<-EOT
            image = "not/an:image"
          EOT
          escaped_image = "nginx:1.\\u0032"
          interpolation_escape_image = "$${nope}"
        }
        """;
    List<ImageSite> sites = find(format, "main.tf", text);
    assertThat(describeAll(sites)).containsExactly("5: nginx:1.2", "6: ${nope}");
  }

  @Test
  void crlfAndNoFinalNewline() {
    String text = "resource \"x\" \"y\" {\r\n  image = \"nginx:1.25.3\"\r\n}";
    ImageSite site = find(format, "main.tf", text).get(0);
    assertThat(edited(site, "1.25.4")).isEqualTo(text.replace("1.25.3", "1.25.4"));
  }

  @Test
  void unbalancedInputNamesItsLine() {
    assertThatThrownBy(() -> find(format, "main.tf", "resource \"a\" \"b\" {\n  image = \"x:1\"\n"))
        .isInstanceOfSatisfying(
            FileParseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(1);
              assertThat(e.reason()).isEqualTo("not valid HCL: this '{' is never closed");
            });
    assertThatThrownBy(() -> find(format, "main.tf", "a = 1\nimage = \"nginx:1.0\n"))
        .isInstanceOfSatisfying(
            FileParseException.class,
            e -> {
              assertThat(e.line()).isEqualTo(2);
              assertThat(e.reason()).isEqualTo("not valid HCL: a quoted string is never closed");
            });
    assertThatThrownBy(() -> find(format, "main.tf", "a = 1\n}\n"))
        .isInstanceOf(FileParseException.class)
        .hasMessage("not valid HCL: '}' closes nothing");
  }
}

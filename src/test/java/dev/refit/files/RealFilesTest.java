package dev.refit.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.refit.check.CheckProgress;
import dev.refit.files.formats.KnownFormats;
import dev.refit.image.ImageReference;
import dev.refit.version.SemverLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code refit files} on files other people wrote (src/test/resources/real-files, each naming its
 * source repository), with registry answers from a table: anchors beyond SnakeYAML's alias limit,
 * services that build their image, Compose defaults, Dockerfiles whose stages and versions go
 * through {@code ARG}s, byte order marks, {@code .env.*} files that are not dotenv, symbolic
 * links, and a file edited between Refit's read and its write.
 */
class RealFilesTest {
  @TempDir Path dir;

  private final Map<String, ImageAnswer> answers = new LinkedHashMap<>();
  private final Set<String> existingTags = new HashSet<>();
  private final List<String> askedToExist = new ArrayList<>();
  private Runnable duringCheck = () -> {};

  private final ImageChecker checker =
      new ImageChecker() {
        @Override
        public Map<ImageQuestion, ImageAnswer> check(Collection<ImageQuestion> questions, CheckProgress progress) {
          duringCheck.run();
          Map<ImageQuestion, ImageAnswer> result = new LinkedHashMap<>();
          for (ImageQuestion q : questions) {
            result.put(q, answers.getOrDefault(key(q.image()), new ImageAnswer.UpToDate()));
          }
          return result;
        }

        @Override
        public Set<ImageReference> existing(Collection<ImageReference> images, CheckProgress progress) {
          Set<ImageReference> found = new HashSet<>();
          for (ImageReference image : images) {
            askedToExist.add(key(image));
            if (existingTags.contains(key(image))) {
              found.add(image);
            }
          }
          return found;
        }
      };

  /** {@code golang:1.20.6-bullseye} for Docker Hub's official images, else the full name. */
  private static String key(ImageReference image) {
    return image.toString().replaceFirst("^docker\\.io/(library/)?", "");
  }

  private FilesReport run(boolean write, Path... paths) {
    return new FilesUpdater(
            KnownFormats.all(), new PolicyChoice(SemverLevel.MINOR), checker, new AtomicFileWriter(),
            new GitCommitter(Map.of()))
        .run(List.of(paths), new FilesOptions(write, false, false), CheckProgress.none());
  }

  private static List<String> lines(FilesReport report, Path root) {
    return report.entries().stream()
        .map(e -> root.relativize(e.file()) + ":" + e.line() + " " + (e.image() == null ? "" : key(e.image()) + " ")
            + switch (e.status()) {
              case UP_TO_DATE -> "up to date";
              case UPDATE_AVAILABLE -> "-> " + e.newTag();
              case SKIPPED -> "skipped: " + e.reason();
              case ERROR -> "error: " + e.reason();
            })
        .toList();
  }

  @Test
  void sentryComposeWithSeventyAliasesParsesAndItsBuiltImagesAreSkipped() throws Exception {
    Path root = copy("sentry");
    answers.put("memcached:1.6.26-alpine", new ImageAnswer.Update("1.6.29-alpine", null));

    FilesReport report = run(true, root.resolve("docker-compose.yml"));

    String built = "skipped: the service builds this image (build: next to image:); its Dockerfile names the base images";
    assertThat(lines(report, root))
        .containsExactly(
            "docker-compose.yml:16 sentry-self-hosted-local:latest " + built,
            "docker-compose.yml:107 tianon/exim4:latest up to date",
            "docker-compose.yml:111 memcached:1.6.26-alpine -> 1.6.29-alpine",
            "docker-compose.yml:118 redis:6.2.14-alpine up to date",
            "docker-compose.yml:125 postgres:14.11 up to date",
            "docker-compose.yml:131 confluentinc/cp-zookeeper:7.6.1 up to date",
            "docker-compose.yml:141 confluentinc/cp-kafka:7.6.1 up to date",
            "docker-compose.yml:147 clickhouse-self-hosted-local:latest " + built,
            "docker-compose.yml:153 ghcr.io/maxmind/geoipupdate:v6.1.0 up to date",
            "docker-compose.yml:192 symbolicator-cleanup-self-hosted-local:latest " + built,
            "docker-compose.yml:233 sentry-cleanup-self-hosted-local:latest " + built,
            "docker-compose.yml:244 nginx:1.25.4-alpine up to date");
    assertThat(Files.readString(root.resolve("docker-compose.yml")))
        .contains("    image: \"memcached:1.6.29-alpine\"\n")
        .contains("    <<: *restart_policy\n");
    assertThat(report.exitCode()).isEqualTo(FilesReport.EXIT_CURRENT);
  }

  @Test
  void airflowsDefaultInAnImageVariableIsUpdatedInPlace() throws Exception {
    Path root = copy("airflow");
    answers.put("apache/airflow:2.9.2", new ImageAnswer.Update("2.10.5", null));

    FilesReport report = run(true, root);

    assertThat(lines(report, root))
        .containsExactly(
            "docker-compose.yaml:11 apache/airflow:2.9.2 -> 2.10.5",
            "docker-compose.yaml:30 postgres:13 up to date",
            "docker-compose.yaml:37 redis:latest up to date");
    assertThat(Files.readString(root.resolve("docker-compose.yaml")))
        .contains("  image: ${AIRFLOW_IMAGE_NAME:-apache/airflow:2.10.5}\n");
  }

  @Test
  void dockerCliStagesNamedThroughAnArgAreStagesAndASharedArgMovesToAVersionAllImagesHave()
      throws Exception {
    Path root = copy("docker-cli");
    answers.put("golang:1.20.6-alpine3.17", new ImageAnswer.Update("1.21.0-alpine3.18", null));
    answers.put("golang:1.20.6-bullseye", new ImageAnswer.Update("1.20.7-bullseye", null));
    answers.put("tonistiigi/xx:1.1.1", new ImageAnswer.Update("1.1.2", null));
    existingTags.add("golang:1.20.7-alpine3.18");

    FilesReport report = run(true, root);

    assertThat(lines(report, root))
        .containsExactly(
            "Dockerfile:14 tonistiigi/xx:1.1.1 -> 1.1.2",
            "Dockerfile:16 golang:1.20.6-alpine3.17 -> 1.20.7-alpine3.18",
            "Dockerfile:26 golang:1.20.6-bullseye -> 1.20.7-bullseye",
            "Dockerfile:54 docker/buildx-bin:0.11.2 up to date");
    assertThat(askedToExist).containsExactly("golang:1.20.7-alpine3.18");
    String written = Files.readString(root.resolve("Dockerfile"));
    assertThat(written).contains("ARG GO_VERSION=1.20.7\n", "ARG ALPINE_VERSION=3.18\n", "ARG XX_VERSION=1.1.2\n");
  }

  @Test
  void aSharedArgIsHeldBackOnEveryLineWhenNoVersionIsOneAllImagesHave() throws Exception {
    Path root = copy("docker-cli");
    answers.put("golang:1.20.6-alpine3.17", new ImageAnswer.Update("1.21.0-alpine3.18", null));
    answers.put("golang:1.20.6-bullseye", new ImageAnswer.Update("1.20.7-bullseye", null));
    answers.put("tonistiigi/xx:1.1.1", new ImageAnswer.Update("1.1.2", null));

    FilesReport report = run(true, root);

    assertThat(report.entries())
        .extracting(FileEntry::line, FileEntry::status, FileEntry::reason)
        .contains(
            tuple(16, EntryStatus.SKIPPED,
                "held back: line 7 also sets the version of line 26 (golang:1.20.6-bullseye -> 1.20.7);"
                    + " this image would move to 1.21.0, and 1.20.7 is not a version every one of them has"),
            tuple(26, EntryStatus.SKIPPED,
                "held back: line 7 also sets the version of line 16 (golang:1.20.6-alpine3.17 -> 1.21.0);"
                    + " this image would move to 1.20.7, and 1.20.7 is not a version every one of them has"));
    String written = Files.readString(root.resolve("Dockerfile"));
    assertThat(written).contains("ARG GO_VERSION=1.20.6\n", "ARG ALPINE_VERSION=3.17\n", "ARG XX_VERSION=1.1.2\n");
  }

  @Test
  void godotsFinalStageChosenThroughAnArgIsNotAnImage() {
    Path root = copy("godot");

    FilesReport report = run(false, root);

    assertThat(lines(report, root)).containsExactly("Dockerfile:15 debian:stable-slim up to date");
  }

  @Test
  void argChainsAreFollowedToTheArgThatPinsTheVersion() throws Exception {
    Path root = copy("node-nginx");
    answers.put("node:22-trixie-slim", new ImageAnswer.Update("24-trixie-slim", null));
    answers.put("nginx:1.29-trixie", new ImageAnswer.Update("1.30-trixie", null));

    FilesReport report = run(true, root);

    assertThat(lines(report, root))
        .containsExactly("Dockerfile:14 node:22-trixie-slim -> 24-trixie-slim", "Dockerfile:24 nginx:1.29-trixie -> 1.30-trixie");
    assertThat(Files.readString(root.resolve("Dockerfile")))
        .contains("ARG NGINX_VERSION=1.30\n", "ARG NODE_VERSION=24\n", "ARG DEBIAN_RELEASE_NAME=trixie\n",
            "ARG NODE_IMAGE=node:${NODE_VERSION}-${DEBIAN_RELEASE_NAME}-slim\n");
  }

  @Test
  void aByteOrderMarkIsAcceptedAndKeptInDotenvAndDockerfile() throws Exception {
    Path root = copy("sentry");
    Path dockerfile = root.resolve("Dockerfile");
    Files.write(dockerfile, concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, read("docker-cli/Dockerfile")));
    answers.put("ghcr.io/getsentry/symbolicator:24.7.1", new ImageAnswer.Update("24.8.0", null));
    answers.put("tonistiigi/xx:1.1.1", new ImageAnswer.Update("1.1.2", null));

    FilesReport report = run(true, root.resolve(".env"), dockerfile);

    assertThat(lines(report, root))
        .contains(
            ".env:9 ghcr.io/getsentry/sentry:nightly up to date",
            ".env:12 ghcr.io/getsentry/symbolicator:24.7.1 -> 24.8.0",
            "Dockerfile:14 tonistiigi/xx:1.1.1 -> 1.1.2");
    byte[] env = Files.readAllBytes(root.resolve(".env"));
    assertThat(new String(env, 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo("\u00EF\u00BB\u00BF");
    assertThat(new String(env, StandardCharsets.UTF_8)).contains("SYMBOLICATOR_IMAGE=ghcr.io/getsentry/symbolicator:24.8.0\n");
    String docker = Files.readString(dockerfile);
    assertThat(docker).startsWith("\uFEFF# syntax=docker/dockerfile:1\n").contains("ARG XX_VERSION=1.1.2\n");
  }

  @Test
  void aDotEnvNamedFileThatIsNotDotenvIsSkippedNotFailed() {
    Path root = copy("forgerock");
    copyInto(root, "sentry/.env");

    FilesReport report = run(false, root);

    assertThat(lines(report, root))
        .contains(".env.js:1 skipped: not a dotenv file (this line is not KEY=value), so not read");
    assertThat(report.count(EntryStatus.ERROR)).isZero();
    assertThat(report.exitCode()).isEqualTo(FilesReport.EXIT_CURRENT);
  }

  @Test
  void linksInsideTheGivenPathsAreFollowedAndLinksOutsideAreSkippedOnALine() throws Exception {
    Path project = copy("airflow");
    Path shared = Files.createDirectories(dir.resolve("shared"));
    Files.writeString(shared.resolve("compose.yaml"), "services:\n  db:\n    image: postgres:16.1\n");
    Path outside = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(outside.resolve("compose.yaml"), "services:\n  db:\n    image: postgres:15.1\n");
    Files.createSymbolicLink(project.resolve("shared"), shared);
    Files.createSymbolicLink(project.resolve("elsewhere"), outside);
    Files.createSymbolicLink(project.resolve("loop"), project);
    Files.createSymbolicLink(project.resolve("other.yaml"), outside.resolve("compose.yaml"));
    answers.put("postgres:15.1", new ImageAnswer.Update("15.2", null));
    answers.put("postgres:16.1", new ImageAnswer.Update("16.2", null));

    FilesReport report = run(true, project, shared);

    assertThat(lines(report, project))
        .contains(
            "elsewhere:0 skipped: is a symbolic link to " + outside.toRealPath()
                + ", outside the paths given: not followed (name that path to include it)",
            "other.yaml:0 skipped: is a symbolic link to " + outside.resolve("compose.yaml").toRealPath()
                + ", outside the paths given: not followed (name that path to include it)");
    assertThat(report.entries()).filteredOn(e -> e.image() != null && key(e.image()).startsWith("postgres:16"))
        .hasSize(1);
    assertThat(Files.readString(shared.resolve("compose.yaml"))).contains("postgres:16.2");
    assertThat(Files.readString(outside.resolve("compose.yaml"))).as("never written").contains("postgres:15.1");
  }

  @Test
  void aFileEditedBetweenReadAndWriteIsNotOverwrittenAndTheOthersAreWritten() throws Exception {
    Path root = copy("sentry");
    copyInto(root, "airflow/docker-compose.yaml");
    Path sentry = root.resolve("docker-compose.yml");
    Path airflow = root.resolve("docker-compose.yaml");
    answers.put("memcached:1.6.26-alpine", new ImageAnswer.Update("1.6.29-alpine", null));
    answers.put("apache/airflow:2.9.2", new ImageAnswer.Update("2.10.5", null));
    String theirs = Files.readString(sentry).replace("redis:6.2.14-alpine", "redis:7.2.5-alpine");
    duringCheck = () -> write(sentry, theirs); // a colleague saves the file while Refit asks registries

    FilesReport report = run(true, sentry, airflow);

    assertThat(report.changes())
        .extracting(c -> c.file().getFileName().toString(), FileChange::outcome, FileChange::reason)
        .containsExactly(
            tuple("docker-compose.yml", FileChange.Outcome.FAILED, "cannot write: " + AtomicFileWriter.CHANGED_MEANWHILE),
            tuple("docker-compose.yaml", FileChange.Outcome.WRITTEN, null));
    assertThat(Files.readString(sentry)).isEqualTo(theirs);
    assertThat(Files.readString(airflow)).contains("apache/airflow:2.10.5");
    assertThat(report.exitCode()).isEqualTo(FilesReport.EXIT_ERRORS);
    try (var files = Files.list(root)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".refit-tmp"));
    }
  }

  private Path copy(String name) {
    Path target = dir.resolve(name);
    try (var files = Files.list(resource(name))) {
      Files.createDirectories(target);
      for (Path file : files.toList()) {
        Files.copy(file, target.resolve(file.getFileName().toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  private static void copyInto(Path target, String resource) {
    try {
      Path from = resource(resource);
      Files.copy(from, target.resolve(from.getFileName().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(String resource) throws IOException {
    return Files.readAllBytes(resource(resource));
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static Path resource(String name) {
    try {
      return Path.of(RealFilesTest.class.getResource("/real-files/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

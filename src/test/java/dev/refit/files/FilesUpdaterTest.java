package dev.refit.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.check.CheckProgress;
import dev.refit.files.formats.KnownFormats;
import dev.refit.image.Digest;
import dev.refit.version.SemverLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole flow without a registry: answers come from a table keyed by image and policy. */
class FilesUpdaterTest {
  private static final String R = "registry.test:5000";
  private static final Digest APP_OLD = Digest.parse("sha256:" + "1".repeat(64));
  private static final Digest CACHE_OLD = Digest.parse("sha256:" + "2".repeat(64));
  private static final Digest APP_NEW = Digest.parse("sha256:" + "3".repeat(64));
  private static final Digest CACHE_NEW = Digest.parse("sha256:" + "4".repeat(64));

  @TempDir Path dir;

  private final Map<String, ImageAnswer> answers = new HashMap<>();
  private final List<ImageQuestion> asked = new ArrayList<>();
  private final ImageChecker checker =
      (Collection<ImageQuestion> questions, CheckProgress progress) -> {
        Map<ImageQuestion, ImageAnswer> result = new LinkedHashMap<>();
        for (ImageQuestion q : questions) {
          asked.add(q);
          String key = q.image() + " " + q.policy();
          result.put(q, answers.getOrDefault(key, new ImageAnswer.Failed("no answer for " + key)));
        }
        return result;
      };

  private FilesUpdater updater(TextFileWriter writer) {
    return new FilesUpdater(
        KnownFormats.all(), new PolicyChoice(SemverLevel.MINOR), checker, writer, new GitCommitter(Map.of()));
  }

  private FilesReport run(FilesOptions options, Path... paths) {
    return updater(new AtomicFileWriter()).run(List.of(paths), options, CheckProgress.none());
  }

  private void fixtureAnswers() {
    answer("files/pihole:2022.12", "semver:minor", new ImageAnswer.Update("2022.12.1", null));
    answer("files/nginx:1.25.3-alpine", "semver:minor", new ImageAnswer.Update("1.26.0-alpine", null));
    answer("files/nginx:1.26.0-alpine", "semver:minor", new ImageAnswer.UpToDate());
    answer("files/postgres:16.1", "semver:minor", new ImageAnswer.Update("16.2", null));
    answer("files/redis:7.2.3", "semver:patch", new ImageAnswer.Update("7.2.4", null));
    answer("files/redis:7.2.3", "semver:minor", new ImageAnswer.Update("7.2.4", null));
    answer("files/app:1.4.0@" + APP_OLD, "semver:minor", new ImageAnswer.Update("1.5.0", APP_NEW));
    answer("files/app:1.4.0", "semver:patch", new ImageAnswer.Update("1.4.1", null));
    answer("files/app:1.4.0", "semver:minor", new ImageAnswer.Update("1.5.0", null));
    answer("files/cache:1.0@" + CACHE_OLD, "semver:minor", new ImageAnswer.Update(null, CACHE_NEW));
    answer("files/busybox:1.36.0", "semver:patch", new ImageAnswer.Update("1.36.1", null));
    answer("files/golang:1.21.5-alpine", "semver:minor", new ImageAnswer.Update("1.22.0-alpine", null));
    answer("files/distroless:nonroot", "digest", new ImageAnswer.UpToDate());
    answer("files/traefik:v2.10.7", "semver:minor", new ImageAnswer.Update("v2.11.0", null));
    answer("files/missing:1.0", "semver:minor", new ImageAnswer.Failed("repository files/missing does not exist on " + R));
  }

  private void answer(String image, String policy, ImageAnswer answer) {
    answers.put(R + "/" + image + " " + policy, answer);
  }

  private Path fixtures() {
    Path root = dir.resolve("fixtures");
    Fixtures.copy(
        root,
        Map.of(
            Fixtures.REGISTRY, R,
            Fixtures.APP_1_4_0_DIGEST, APP_OLD.toString(),
            Fixtures.CACHE_1_0_OLD_DIGEST, CACHE_OLD.toString()));
    return root;
  }

  @Test
  void reportsEveryImageOfTheFixturesAndWritesNothing() throws Exception {
    fixtureAnswers();
    Path root = fixtures();
    Map<Path, byte[]> before = contents(root);

    FilesReport report = run(new FilesOptions(false, false, false), root);

    List<String> lines = report.entries().stream().map(e -> describe(root, e)).toList();
    assertThat(lines)
        .containsExactly(
            ".env:2 2022.12 -> 2022.12.1",
            ".env:3 1.25.3-alpine -> 1.26.0-alpine",
            ".env:6 16.1 -> 16.2",
            ".env:7 1.26.0-alpine -> up to date",
            ".env:9 1.25.3-alpine -> skipped: ignored by marker 'refit: ignore'",
            "Dockerfile:3 1.21.5-alpine -> 1.22.0-alpine",
            "Dockerfile:9 nonroot -> up to date",
            "broken/compose.yaml:4 -> error: not valid YAML: this line is not indented like the lines above it (expected <block end>, but found '<block mapping start>')",
            "broken/missing.env:1 1.0 -> error: repository files/missing does not exist on " + R,
            "broken/missing.env:2 1.25.3-alpine -> 1.26.0-alpine",
            "chart/values.yaml:5 1.4.0 -> 1.5.0",
            "chart/values.yaml:11 7.2.3 -> 7.2.4",
            "compose.yaml:9 1.25.3-alpine -> 1.26.0-alpine",
            "compose.yaml:12 7.2.3 -> 7.2.4",
            "compose.yaml:14 1.4.0 -> 1.5.0@" + APP_NEW,
            "compose.yaml:16 1.0 -> 1.0@" + CACHE_NEW,
            "crlf/prod.env:1 1.25.3-alpine -> 1.26.0-alpine",
            "crlf/prod.env:2 16.1 -> 16.2",
            "k8s/app.yaml:11 1.36.0 -> 1.36.1",
            "k8s/app.yaml:14 1.4.0 -> 1.4.1",
            "k8s/app.yaml:15 7.2.3 -> 7.2.4",
            "k8s/app.yaml:29 16.1 -> 16.2",
            "terraform/main.tf:5 v2.10.7 -> v2.11.0",
            "terraform/main.tf:15 16.1 -> 16.2");
    assertThat(report.exitCode()).isEqualTo(FilesReport.EXIT_ERRORS);
    assertThat(contents(root)).as("nothing written").isEqualTo(before);
    assertThat(report.changes())
        .extracting(c -> root.relativize(c.file()).toString(), FileChange::outcome)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(".env", FileChange.Outcome.PENDING),
            org.assertj.core.groups.Tuple.tuple("Dockerfile", FileChange.Outcome.PENDING),
            org.assertj.core.groups.Tuple.tuple("broken/missing.env", FileChange.Outcome.HELD_BACK),
            org.assertj.core.groups.Tuple.tuple("chart/values.yaml", FileChange.Outcome.PENDING),
            org.assertj.core.groups.Tuple.tuple("compose.yaml", FileChange.Outcome.PENDING),
            org.assertj.core.groups.Tuple.tuple("crlf/prod.env", FileChange.Outcome.PENDING),
            org.assertj.core.groups.Tuple.tuple("k8s/app.yaml", FileChange.Outcome.PENDING),
            org.assertj.core.groups.Tuple.tuple("terraform/main.tf", FileChange.Outcome.PENDING),
            org.assertj.core.groups.Tuple.tuple("terraform/variables.tf", FileChange.Outcome.PENDING));
    // each image is asked once per policy, however many files pin it
    assertThat(asked).doesNotHaveDuplicates().hasSize(15);
  }

  @Test
  void writesOnlyTheVersions() throws Exception {
    fixtureAnswers();
    Path root = fixtures();
    Map<Path, byte[]> before = contents(root);

    FilesReport report = run(new FilesOptions(true, false, false), root);

    assertThat(report.exitCode()).isEqualTo(FilesReport.EXIT_ERRORS);
    Map<Path, byte[]> after = contents(root);
    assertThat(text(after, ".env"))
        .isEqualTo(
            text(before, ".env")
                .replace("pihole:2022.12\n", "pihole:2022.12.1\n")
                .replace("PROXY_IMAGE=\"" + R + "/files/nginx:1.25.3-alpine\"", "PROXY_IMAGE=\"" + R + "/files/nginx:1.26.0-alpine\"")
                .replace("VERSION=16.1", "VERSION=16.2"));
    assertThat(text(after, "compose.yaml"))
        .isEqualTo(
            text(before, "compose.yaml")
                .replace("nginx:1.25.3-alpine", "nginx:1.26.0-alpine")
                .replace("redis:7.2.3", "redis:7.2.4")
                .replace("app:1.4.0@" + APP_OLD, "app:1.5.0@" + APP_NEW)
                .replace("cache:1.0@" + CACHE_OLD, "cache:1.0@" + CACHE_NEW));
    assertThat(text(after, "Dockerfile")).isEqualTo(text(before, "Dockerfile").replace("GO_VERSION=1.21.5", "GO_VERSION=1.22.0"));
    assertThat(text(after, "terraform/main.tf")).isEqualTo(text(before, "terraform/main.tf").replace("v2.10.7", "v2.11.0"));
    assertThat(text(after, "terraform/variables.tf"))
        .isEqualTo(text(before, "terraform/variables.tf").replace("\"16.1\"", "\"16.2\""));
    assertThat(text(after, "crlf/prod.env"))
        .isEqualTo(text(before, "crlf/prod.env").replace("1.25.3-alpine", "1.26.0-alpine").replace("16.1", "16.2"));
    assertThat(text(after, "broken/missing.env")).as("held back").isEqualTo(text(before, "broken/missing.env"));
    assertThat(text(after, "broken/compose.yaml")).isEqualTo(text(before, "broken/compose.yaml"));
  }

  @Test
  void forceWritesTheOtherUpdatesOfAFileWithAnError() throws Exception {
    fixtureAnswers();
    Path root = fixtures();
    Path missing = root.resolve("broken/missing.env");

    FilesReport report = run(new FilesOptions(true, true, false), missing);

    assertThat(report.changes()).singleElement().extracting(FileChange::outcome).isEqualTo(FileChange.Outcome.WRITTEN);
    assertThat(Files.readString(missing)).contains("nginx:1.26.0-alpine").contains("missing:1.0");
    assertThat(report.exitCode()).as("still an error").isEqualTo(FilesReport.EXIT_ERRORS);
  }

  @Test
  void aReadOnlyFileIsReportedAndTheOthersAreWritten() throws Exception {
    Path ro = write("ro/.env", "WEB_IMAGE=" + R + "/files/nginx:1.25.3-alpine\n");
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r--r--r--"));
    Path rw = write("rw/.env", "WEB_IMAGE=" + R + "/files/nginx:1.25.3-alpine\n");
    answer("files/nginx:1.25.3-alpine", "semver:minor", new ImageAnswer.Update("1.26.0-alpine", null));

    FilesReport report = run(new FilesOptions(true, false, false), ro, rw);

    assertThat(report.changes())
        .extracting(FileChange::outcome, FileChange::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(FileChange.Outcome.FAILED, "cannot write: the file is read-only"),
            org.assertj.core.groups.Tuple.tuple(FileChange.Outcome.WRITTEN, null));
    assertThat(Files.readString(ro)).contains("1.25.3-alpine");
    assertThat(Files.readString(rw)).contains("1.26.0-alpine");
    assertThat(report.exitCode()).isEqualTo(FilesReport.EXIT_ERRORS);
  }

  @Test
  void anInterruptedWriteKeepsTheOldFile() throws Exception {
    Path env = write(".env", "WEB_IMAGE=" + R + "/files/nginx:1.25.3-alpine\n");
    answer("files/nginx:1.25.3-alpine", "semver:minor", new ImageAnswer.Update("1.26.0-alpine", null));
    AtomicFileWriter dying = new AtomicFileWriter((tmp, target) -> { throw new IOException("power cut"); });

    FilesReport report = updater(dying).run(List.of(env), new FilesOptions(true, false, false), CheckProgress.none());

    assertThat(report.changes()).singleElement().extracting(FileChange::reason).isEqualTo("cannot write: power cut");
    assertThat(Files.readString(env)).isEqualTo("WEB_IMAGE=" + R + "/files/nginx:1.25.3-alpine\n");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(".env");
    }
  }

  @Test
  void everythingCurrentExitsZeroAndAllWrittenExitsZero() throws Exception {
    Path env = write(".env", "WEB_IMAGE=" + R + "/files/nginx:1.26.0-alpine\n");
    answer("files/nginx:1.26.0-alpine", "semver:minor", new ImageAnswer.UpToDate());
    assertThat(run(new FilesOptions(false, false, false), env).exitCode()).isEqualTo(FilesReport.EXIT_CURRENT);

    Files.writeString(env, "WEB_IMAGE=" + R + "/files/nginx:1.25.3-alpine\n");
    answer("files/nginx:1.25.3-alpine", "semver:minor", new ImageAnswer.Update("1.26.0-alpine", null));
    assertThat(run(new FilesOptions(false, false, false), env).exitCode()).isEqualTo(FilesReport.EXIT_UPDATES);
    assertThat(run(new FilesOptions(true, false, false), env).exitCode()).isEqualTo(FilesReport.EXIT_CURRENT);
  }

  @Test
  void imagesSharingOneVersionThatDisagreeAreAllHeldBackWithTheReason() throws Exception {
    Path tf = write("main.tf", sharedLocal());
    answer("files/a:1.0.0", "semver:patch", new ImageAnswer.Update("1.0.1", null));
    answer("files/b:1.0.0", "semver:minor", new ImageAnswer.Update("1.1.0", null));

    FilesReport report = run(new FilesOptions(true, false, false), tf);

    assertThat(report.entries()).extracting(FileEntry::line).containsExactly(3, 4, 5);
    assertThat(report.entries()).allSatisfy(e -> assertThat(e.status()).isEqualTo(EntryStatus.SKIPPED));
    assertThat(report.entries().get(0).reason())
        .isEqualTo(
            "held back: line 2 also sets the version of line 4 (" + R + "/files/b:1.0.0 -> 1.1.0), line 5 ("
                + R + "/files/b:1.0.0 -> 1.1.0); this image would move to 1.0.1, and 1.0.1 is not a version"
                + " every one of them has");
    assertThat(report.entries().get(1).reason()).contains("this image would move to 1.1.0");
    assertThat(report.changes()).isEmpty();
    assertThat(Files.readString(tf)).isEqualTo(sharedLocal());
  }

  @Test
  void imagesSharingOneVersionMoveToTheLowestProposalWhenEveryOneHasIt() throws Exception {
    Path tf = write("main.tf", sharedLocal());
    answer("files/a:1.0.0", "semver:patch", new ImageAnswer.Update("1.0.1", null));
    answer("files/b:1.0.0", "semver:minor", new ImageAnswer.Update("1.1.0", null));
    List<String> existingAsked = new ArrayList<>();
    ImageChecker knowing =
        new ImageChecker() {
          @Override
          public Map<ImageQuestion, ImageAnswer> check(Collection<ImageQuestion> questions, CheckProgress progress) {
            return checker.check(questions, progress);
          }

          @Override
          public java.util.Set<dev.refit.image.ImageReference> existing(
              Collection<dev.refit.image.ImageReference> images, CheckProgress progress) {
            images.forEach(i -> existingAsked.add(i.toString()));
            return java.util.Set.copyOf(images);
          }
        };
    FilesUpdater updater =
        new FilesUpdater(
            KnownFormats.all(), new PolicyChoice(SemverLevel.MINOR), knowing, new AtomicFileWriter(),
            new GitCommitter(Map.of()));

    FilesReport report = updater.run(List.of(tf), new FilesOptions(true, false, false), CheckProgress.none());

    assertThat(existingAsked).containsExactly(R + "/files/b:1.0.1");
    assertThat(report.entries())
        .extracting(FileEntry::status, FileEntry::newTag)
        .containsOnly(org.assertj.core.groups.Tuple.tuple(EntryStatus.UPDATE_AVAILABLE, "1.0.1"));
    assertThat(Files.readString(tf)).isEqualTo(sharedLocal().replace("v = \"1.0.0\"", "v = \"1.0.1\""));
  }

  private static String sharedLocal() {
    return """
        locals {
          v = "1.0.0"
          a_image = "%s/files/a:${local.v}" # refit: semver:patch
          b_image = "%s/files/b:${local.v}"
          c_image = "%s/files/b:${local.v}"
        }
        """.formatted(R, R, R);
  }

  @Test
  void theSameTextWrittenTheSameWayIsOneEdit() throws Exception {
    Path tf = write("main.tf", "locals {\n  v = \"1.0.0\"\n  a_image = \"%s/files/b:${local.v}\"\n  b_image = \"%s/files/b:${local.v}\"\n}\n".formatted(R, R));
    answer("files/b:1.0.0", "semver:minor", new ImageAnswer.Update("1.1.0", null));
    FilesReport report = run(new FilesOptions(true, false, false), tf);
    assertThat(report.exitCode()).isEqualTo(FilesReport.EXIT_CURRENT);
    assertThat(Files.readString(tf)).contains("v = \"1.1.0\"");
  }

  @Test
  void aBrokenRulesFileStopsTheFilesItGovernsOnly() throws Exception {
    write("a/refit-files.yaml", "rules:\n  - image: x\n    polcy: digest\n");
    Path a = write("a/.env", "WEB_IMAGE=" + R + "/files/nginx:1.26.0-alpine\n");
    Path b = write("b/.env", "WEB_IMAGE=" + R + "/files/nginx:1.26.0-alpine\n");
    answer("files/nginx:1.26.0-alpine", "semver:minor", new ImageAnswer.UpToDate());

    FilesReport report = run(new FilesOptions(false, false, false), a, b);

    assertThat(report.entries())
        .extracting(e -> e.file().toString(), FileEntry::line, FileEntry::status, FileEntry::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(dir.resolve("a/refit-files.yaml").toString(), 3, EntryStatus.ERROR,
                "rules[0].polcy is not a known key; allowed here: exclude, ignore, image, include, policy"),
            org.assertj.core.groups.Tuple.tuple(a.toString(), 0, EntryStatus.ERROR,
                "not checked: its rules in " + dir.resolve("a/refit-files.yaml") + " cannot be read"),
            org.assertj.core.groups.Tuple.tuple(b.toString(), 1, EntryStatus.UP_TO_DATE, null));
  }

  @Test
  void pathsThatNameNothingUsable() throws Exception {
    Path notes = write("notes.txt", "image: nginx:1.0\n");
    Path latin1 = dir.resolve("latin1.env");
    Files.write(latin1, "A=caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    FilesReport report = run(new FilesOptions(false, false, false), dir.resolve("nope"), notes, latin1);
    assertThat(report.entries())
        .extracting(FileEntry::reason)
        .containsExactly(
            "does not exist",
            "not a file Refit reads (dotenv, Compose or Kubernetes YAML, Dockerfile, Terraform)",
            "is not UTF-8 text");
    assertThat(report.exitCode()).isEqualTo(FilesReport.EXIT_ERRORS);
  }

  @Test
  void digestOnlyAndInvalidReferences() throws Exception {
    Path env = write(".env", "A_IMAGE=" + R + "/files/a@" + APP_OLD + "\nB_IMAGE=Files/B:1.0\n");
    FilesReport report = run(new FilesOptions(false, false, false), env);
    assertThat(report.entries())
        .extracting(FileEntry::status, FileEntry::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EntryStatus.SKIPPED, "pinned to a digest without a tag: no version to follow"),
            org.assertj.core.groups.Tuple.tuple(EntryStatus.ERROR, "invalid image reference 'Files/B:1.0': the repository name must be lowercase"));
    assertThat(asked).isEmpty();
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private static String describe(Path root, FileEntry e) {
    String where = root.relativize(e.file()) + ":" + e.line();
    String version = e.image() == null ? "" : " " + FilesUpdater.version(e.image()).replaceAll("@.*", "");
    String verdict =
        switch (e.status()) {
          case UP_TO_DATE -> "up to date";
          case UPDATE_AVAILABLE ->
              (e.newTag() != null ? e.newTag() : e.image().tag()) + (e.newDigest() != null ? "@" + e.newDigest() : "");
          case ERROR -> "error: " + e.reason();
          case SKIPPED -> "skipped: " + e.reason();
        };
    return where + version + " -> " + verdict;
  }

  private static Map<Path, byte[]> contents(Path root) throws IOException {
    Map<Path, byte[]> map = new java.util.TreeMap<>();
    try (var walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        map.put(root.relativize(p), Files.readAllBytes(p));
      }
    }
    return new java.util.TreeMap<>(map) {
      @Override
      public boolean equals(Object o) {
        if (!(o instanceof Map<?, ?> other) || !other.keySet().equals(keySet())) {
          return false;
        }
        return keySet().stream().allMatch(k -> java.util.Arrays.equals(get(k), (byte[]) other.get(k)));
      }

      @Override
      public int hashCode() {
        return keySet().hashCode();
      }
    };
  }

  private static String text(Map<Path, byte[]> files, String name) {
    return new String(files.get(Path.of(name)), StandardCharsets.UTF_8);
  }
}

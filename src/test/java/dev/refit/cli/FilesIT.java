package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.check.CheckProgress;
import dev.refit.config.ConfigLoader;
import dev.refit.config.RefitConfig;
import dev.refit.files.AtomicFileWriter;
import dev.refit.files.FileChange;
import dev.refit.files.FileImageChecker;
import dev.refit.files.FilesOptions;
import dev.refit.files.FilesReport;
import dev.refit.files.FilesUpdater;
import dev.refit.files.Fixtures;
import dev.refit.files.GitCommitter;
import dev.refit.files.PolicyChoice;
import dev.refit.files.formats.KnownFormats;
import dev.refit.registry.CredentialStore;
import dev.refit.registry.RegistryClient;
import dev.refit.testing.RegistryProcess;
import dev.refit.testing.TestEnvironment;
import dev.refit.testing.TestImages;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code refit files} end to end against a real registry: the fixture tree (every format, with
 * comments, odd quoting, CRLF, a malformed YAML file, a missing repository) pointed at a private
 * registry that holds distinct tags, the exact report and diff, files untouched without
 * {@code --write} and changed only in their versions with it, a read-only file, an interrupted
 * write, JSON and {@code --commit}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilesIT {
  private static final Map<String, List<String>> TAGS =
      Map.of(
          "files/pihole", List.of("2022.12", "2022.12.1", "2023.01"),
          "files/nginx", List.of("1.25.3-alpine", "1.25.4-alpine", "1.26.0-alpine", "1.26.0"),
          "files/postgres", List.of("16.1", "16.2", "17.0"),
          "files/redis", List.of("7.2.3", "7.2.4", "7.4.0"),
          "files/app", List.of("1.4.0", "1.4.1", "1.5.0", "2.0.0"),
          "files/busybox", List.of("1.36.0", "1.36.1", "1.37.0"),
          "files/golang", List.of("1.21.5-alpine", "1.21.6-alpine", "1.22.0-alpine"),
          "files/distroless", List.of("nonroot"),
          "files/traefik", List.of("v2.10.7", "v2.11.0", "v3.0.0"));

  @TempDir static Path tmp;

  private final TestEnvironment env = TestEnvironment.get();
  private TestImages images;
  private RegistryProcess registry;
  private final Map<String, String> digests = new HashMap<>();
  private RefitCli refit;
  private int copies;

  @BeforeAll
  void setUp() throws Exception {
    images = new TestImages(env);
    registry = RegistryProcess.builder().storage(Files.createDirectories(tmp.resolve("storage"))).start();
    for (Map.Entry<String, List<String>> repository : TAGS.entrySet()) {
      for (String tag : repository.getValue()) {
        String image = repository.getKey() + ":" + tag;
        digests.put(image, push(image, image));
      }
    }
    // a pinned digest the tag no longer points at: 1.0 is rebuilt and pushed again
    digests.put("files/cache:1.0@old", push("files/cache:1.0", "cache 1.0"));
    digests.put("files/cache:1.0", push("files/cache:1.0", "cache 1.0 rebuilt"));
    assertThat(digests.get("files/cache:1.0")).isNotEqualTo(digests.get("files/cache:1.0@old"));

    Path home = Files.createDirectories(tmp.resolve("home"));
    refit =
        RefitCli.forTestEngine(env, Files.createDirectories(tmp.resolve("docker-config")), home)
            .with(
                Map.of(
                    "GIT_AUTHOR_NAME", "Refit Test",
                    "GIT_AUTHOR_EMAIL", "refit@example.test",
                    "GIT_COMMITTER_NAME", "Refit Test",
                    "GIT_COMMITTER_EMAIL", "refit@example.test",
                    "GIT_CONFIG_NOSYSTEM", "1"));
  }

  @AfterAll
  void tearDown() {
    images.close();
    registry.close();
  }

  private String push(String repoAndTag, String label) {
    return images.importAndPush(
        registry.address() + "/" + repoAndTag, Map.of("build", label), TestImages.SLEEP);
  }

  /** A fresh copy of the fixture tree that points at the test registry. */
  private Path fixtures() {
    Path root = tmp.resolve("copy-" + ++copies);
    Fixtures.copy(
        root,
        Map.of(
            Fixtures.REGISTRY, registry.address(),
            Fixtures.APP_1_4_0_DIGEST, digests.get("files/app:1.4.0"),
            Fixtures.CACHE_1_0_OLD_DIGEST, digests.get("files/cache:1.0@old")));
    return root;
  }

  /** The expected text with $ROOT, $R and the digests filled in. */
  private String expected(Path root, String template) {
    return template
        .replace("$ROOT", root.toString())
        .replace("$R", registry.address())
        .replace("$APP_1_4_0", digests.get("files/app:1.4.0"))
        .replace("$APP_1_5_0", digests.get("files/app:1.5.0"))
        .replace("$CACHE_OLD", digests.get("files/cache:1.0@old"))
        .replace("$CACHE_NEW", digests.get("files/cache:1.0"));
  }

  @Test
  void reportsEveryImageThenTheDiffAndWritesNothing() throws Exception {
    Path root = fixtures();
    Map<String, String> before = contents(root);

    RefitCli.Run run = refit.run("files", root.toString());

    assertThat(run.out()).isEqualTo(expected(root, EXPECTED_REPORT));
    assertThat(run.err()).isEqualTo("refit: 23 images in 9 files: 19 updates available, 2 up to date, 1 skipped, 2 errors\n");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(contents(root)).as("nothing written without --write").isEqualTo(before);
  }

  @Test
  void writeChangesTheVersionsAndNothingElse() throws Exception {
    Path root = fixtures();
    Map<String, String> before = contents(root);

    RefitCli.Run run = refit.run("files", "--write", root.toString());

    assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
    assertThat(run.out())
        .contains(root.resolve(".env") + ": written\n")
        .contains(root.resolve("broken/missing.env") + ": held back: an image in it has an error; --force writes its other updates\n");
    Map<String, String> after = contents(root);
    Map<String, String> wanted = new HashMap<>(before);
    String r = registry.address();
    wanted.compute(".env", (k, t) -> t
        .replace("pihole:2022.12\n", "pihole:2022.12.1\n")
        .replace("PROXY_IMAGE=\"" + r + "/files/nginx:1.25.3-alpine\"", "PROXY_IMAGE=\"" + r + "/files/nginx:1.26.0-alpine\"")
        .replace("VERSION=16.1", "VERSION=16.2"));
    wanted.compute("Dockerfile", (k, t) -> t.replace("GO_VERSION=1.21.5", "GO_VERSION=1.22.0"));
    wanted.compute("chart/values.yaml", (k, t) -> t.replace("\"1.4.0\"", "\"1.5.0\"").replace("7.2.3", "7.2.4"));
    wanted.compute("compose.yaml", (k, t) -> t
        .replace("nginx:1.25.3-alpine", "nginx:1.26.0-alpine")
        .replace("redis:7.2.3", "redis:7.2.4")
        .replace("app:1.4.0@" + digests.get("files/app:1.4.0"), "app:1.5.0@" + digests.get("files/app:1.5.0"))
        .replace("cache:1.0@" + digests.get("files/cache:1.0@old"), "cache:1.0@" + digests.get("files/cache:1.0")));
    wanted.compute("crlf/prod.env", (k, t) -> t.replace("1.25.3-alpine", "1.26.0-alpine").replace("16.1", "16.2"));
    wanted.compute("k8s/app.yaml", (k, t) -> t
        .replace("busybox:1.36.0", "busybox:1.36.1")
        .replace("app:1.4.0", "app:1.4.1")
        .replace("redis:7.2.3", "redis:7.2.4")
        .replace("postgres:16.1", "postgres:16.2"));
    wanted.compute("terraform/main.tf", (k, t) -> t.replace("v2.10.7", "v2.11.0"));
    wanted.compute("terraform/variables.tf", (k, t) -> t.replace("\"16.1\"", "\"16.2\""));
    assertThat(after).isEqualTo(wanted);

    // everything written is now current
    List<String> good = new ArrayList<>();
    for (String name : List.of(".env", "Dockerfile", "chart", "compose.yaml", "crlf", "k8s", "terraform")) {
      good.add(root.resolve(name).toString());
    }
    List<String> args = new ArrayList<>(List.of("files"));
    args.addAll(good);
    RefitCli.Run again = refit.run(args.toArray(String[]::new));
    assertThat(again.exitCode()).as(again.out()).isZero();
    assertThat(again.out()).doesNotContain("-> [").doesNotContain("error").contains("-> up-to-date");
    assertThat(again.err()).isEqualTo("refit: 21 images in 7 files: 20 up to date, 1 skipped\n");
  }

  @Test
  void forceWritesTheRestOfAFileWithAnError() throws Exception {
    Path missing = fixtures().resolve("broken/missing.env");
    RefitCli.Run run = refit.run("files", "--write", "--force", missing.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(Files.readString(missing))
        .isEqualTo(
            "GONE_IMAGE=" + registry.address() + "/files/missing:1.0\n"
                + "PROXY_IMAGE=" + registry.address() + "/files/nginx:1.26.0-alpine\n");
  }

  @Test
  void aReadOnlyFileIsReportedAndTheRestIsWritten() throws Exception {
    Path root = fixtures();
    Path env = root.resolve(".env");
    Path compose = root.resolve("compose.yaml");
    String envBefore = Files.readString(env);
    Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("r--r--r--"));

    RefitCli.Run run = refit.run("files", "--write", env.toString(), compose.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out())
        .contains(env + ": error: cannot write: the file is read-only\n")
        .contains(compose + ": written\n");
    assertThat(Files.readString(env)).isEqualTo(envBefore);
    assertThat(Files.readString(compose)).contains("nginx:1.26.0-alpine");
  }

  @Test
  void malformedYamlIsOneLineWithItsLine() {
    Path bad = fixtures().resolve("broken/compose.yaml");
    RefitCli.Run run = refit.run("files", bad.toString());
    assertThat(run.out())
        .isEqualTo(
            bad + ":4: error: not valid YAML: this line is not indented like the lines above it"
                + " (expected <block end>, but found '<block mapping start>')\n");
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @Test
  void anInterruptedWriteLeavesTheOldFileIntact() throws Exception {
    Path root = fixtures();
    Path compose = root.resolve("compose.yaml");
    String before = Files.readString(compose);
    RefitConfig config = new ConfigLoader(Map.of()).load(null);
    FilesUpdater updater =
        new FilesUpdater(
            KnownFormats.all(),
            new PolicyChoice(config.versionTagLevel()),
            new FileImageChecker(RegistryClient.create(config.registry(), CredentialStore.none()), 4),
            new AtomicFileWriter((temporary, target) -> {
              throw new IOException("killed between write and rename");
            }),
            new GitCommitter(Map.of()));

    FilesReport report = updater.run(List.of(compose), new FilesOptions(true, false, false), CheckProgress.none());

    assertThat(report.changes())
        .singleElement()
        .satisfies(c -> {
          assertThat(c.outcome()).isEqualTo(FileChange.Outcome.FAILED);
          assertThat(c.reason()).isEqualTo("cannot write: killed between write and rename");
        });
    assertThat(Files.readString(compose)).isEqualTo(before);
    try (Stream<Path> files = Files.list(root)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".refit-tmp"));
    }
    assertThat(report.exitCode()).isEqualTo(2);
  }

  @Test
  void jsonIsAStableDocument() throws Exception {
    Path root = fixtures();
    RefitCli.Run run = refit.run("files", "--json", root.resolve("compose.yaml").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.path("version").asInt()).isEqualTo(1);
    assertThat(doc.path("summary").toString())
        .isEqualTo("{\"images\":4,\"upToDate\":0,\"updatesAvailable\":4,\"errors\":0,\"skipped\":0,\"filesChanged\":1,\"filesWritten\":0}");
    JsonNode worker = doc.path("results").get(2);
    assertThat(worker.path("line").asInt()).isEqualTo(14);
    assertThat(worker.path("format").asText()).isEqualTo("yaml");
    assertThat(worker.path("policy").asText()).isEqualTo("semver:minor");
    assertThat(worker.path("status").asText()).isEqualTo("update_available");
    assertThat(worker.path("reference").asText())
        .isEqualTo(registry.address() + "/files/app:1.4.0@" + digests.get("files/app:1.4.0"));
    assertThat(worker.path("available").toString())
        .isEqualTo(
            "{\"reference\":\"" + registry.address() + "/files/app:1.5.0@" + digests.get("files/app:1.5.0")
                + "\",\"tag\":\"1.5.0\",\"digest\":\"" + digests.get("files/app:1.5.0") + "\"}");
    JsonNode file = doc.path("files").get(0);
    assertThat(file.path("outcome").asText()).isEqualTo("pending");
    assertThat(file.path("diff").asText()).startsWith("--- " + root.resolve("compose.yaml") + "\n");
    assertThat(doc.path("registries").get(0).path("host").asText()).isEqualTo(registry.address());
  }

  @Test
  void commitCommitsTheWrittenFilesWithTheBumps() throws Exception {
    Path root = fixtures();
    git(root, "init", "-q");
    git(root, "add", ".");
    git(root, "commit", "-q", "-m", "fixtures");

    RefitCli.Run run =
        refit.run("files", "--commit", root.resolve(".env").toString(), root.resolve("terraform").toString());

    assertThat(run.exitCode()).as(run.out()).isZero();
    String id = git(root, "rev-parse", "--short", "HEAD").strip();
    assertThat(run.out()).contains("committed " + id + " in " + root.toRealPath() + " (3 files)\n");
    assertThat(git(root, "log", "-1", "--format=%B"))
        .isEqualTo(
            expected(
                root,
                """
                refit: update 5 images

                - $R/files/pihole 2022.12 -> 2022.12.1 (.env:2)
                - $R/files/nginx 1.25.3-alpine -> 1.26.0-alpine (.env:3)
                - $R/files/postgres 16.1 -> 16.2 (.env:6)
                - $R/files/traefik v2.10.7 -> v2.11.0 (terraform/main.tf:4)
                - $R/files/postgres 16.1 -> 16.2 (terraform/variables.tf:4)

                """));
    assertThat(git(root, "status", "--porcelain")).isEmpty();
  }

  @Test
  void aPinnedDigestOfAMultiPlatformTagIsComparedWithTheIndexAndItsPlatforms() throws Exception {
    String amd64 = push("files/mp:amd64-v1", "mp amd64 v1");
    String arm64 = push("files/mp:arm64-v1", "mp arm64 v1");
    String index = pushIndex("files/mp", "1.0", amd64, arm64);
    Path compose = tmp.resolve("mp/compose.yaml");
    Files.createDirectories(compose.getParent());
    String r = registry.address();
    Files.writeString(
        compose,
        "services:\n"
            + "  a:\n    image: " + r + "/files/mp:1.0@" + index + "\n"
            + "  b:\n    image: " + r + "/files/mp:1.0@" + arm64 + "   # the arm64 manifest\n");

    RefitCli.Run current = refit.run("files", compose.toString());
    assertThat(current.out())
        .isEqualTo(
            compose + ":3: [" + r + "/files/mp:1.0@" + index + "] -> up-to-date\n"
                + compose + ":5: [" + r + "/files/mp:1.0@" + arm64 + "] -> up-to-date\n");
    assertThat(current.exitCode()).isZero();

    // a rebuilt amd64 image: a new index; the arm64 manifest in it is unchanged
    String newIndex = pushIndex("files/mp", "1.0", push("files/mp:amd64-v2", "mp amd64 v2"), arm64);
    RefitCli.Run outdated = refit.run("files", compose.toString());
    assertThat(outdated.out())
        .startsWith(
            compose + ":3: [" + r + "/files/mp:1.0@" + index + "] -> [1.0@" + newIndex + "]\n"
                + compose + ":5: [" + r + "/files/mp:1.0@" + arm64 + "] -> up-to-date\n\n");
    assertThat(outdated.exitCode()).isEqualTo(1);
  }

  /** Pushes a manifest list of two platform manifests, as buildx would; returns its digest. */
  private String pushIndex(String repo, String tag, String amd64, String arm64) throws Exception {
    String list = "application/vnd.docker.distribution.manifest.list.v2+json";
    String v2 = "application/vnd.docker.distribution.manifest.v2+json";
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://" + registry.address() + "/v2/" + repo + "/manifests/";
    long[] sizes = new long[2];
    String[] platforms = {amd64, arm64};
    for (int i = 0; i < 2; i++) {
      sizes[i] =
          http.send(
                  HttpRequest.newBuilder(URI.create(base + platforms[i]))
                      .method("HEAD", HttpRequest.BodyPublishers.noBody())
                      .header("Accept", v2)
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .headers()
              .firstValueAsLong("content-length")
              .orElseThrow();
    }
    String body =
        """
        {"schemaVersion":2,"mediaType":"%s","manifests":[
          {"mediaType":"%s","digest":"%s","size":%d,"platform":{"architecture":"amd64","os":"linux"}},
          {"mediaType":"%s","digest":"%s","size":%d,"platform":{"architecture":"arm64","os":"linux"}}
        ]}"""
            .formatted(list, v2, amd64, sizes[0], v2, arm64, sizes[1]);
    HttpResponse<String> put =
        http.send(
            HttpRequest.newBuilder(URI.create(base + tag))
                .header("Content-Type", list)
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    return put.headers().firstValue("docker-content-digest").orElseThrow();
  }

  private String git(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(Map.of(
        "GIT_AUTHOR_NAME", "Refit Test", "GIT_AUTHOR_EMAIL", "refit@example.test",
        "GIT_COMMITTER_NAME", "Refit Test", "GIT_COMMITTER_EMAIL", "refit@example.test"));
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("git %s: %s", String.join(" ", args), out).isZero();
    return out;
  }

  private static Map<String, String> contents(Path root) throws IOException {
    Map<String, String> files = new java.util.TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        if (!p.toString().contains("/.git/")) {
          files.put(root.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
        }
      }
    }
    return files;
  }

  /** What {@code refit files} prints for the fixture tree, checked line by line by hand. */
  private static final String EXPECTED_REPORT =
      """
      $ROOT/.env:2: [$R/files/pihole:2022.12] -> [2022.12.1]
      $ROOT/.env:3: [$R/files/nginx:1.25.3-alpine] -> [1.26.0-alpine]
      $ROOT/.env:6: [$R/files/postgres:16.1] -> [16.2]
      $ROOT/.env:7: [$R/files/nginx:1.26.0-alpine] -> up-to-date
      $ROOT/.env:9: [$R/files/nginx:1.25.3-alpine] -> skipped: ignored by marker 'refit: ignore'
      $ROOT/Dockerfile:3: [$R/files/golang:1.21.5-alpine] -> [1.22.0-alpine]
      $ROOT/Dockerfile:9: [$R/files/distroless:nonroot] -> up-to-date
      $ROOT/broken/compose.yaml:4: error: not valid YAML: this line is not indented like the lines above it (expected <block end>, but found '<block mapping start>')
      $ROOT/broken/missing.env:1: [$R/files/missing:1.0] -> error: repository files/missing does not exist on $R
      $ROOT/broken/missing.env:2: [$R/files/nginx:1.25.3-alpine] -> [1.26.0-alpine]
      $ROOT/chart/values.yaml:5: [$R/files/app:1.4.0] -> [1.5.0]
      $ROOT/chart/values.yaml:11: [$R/files/redis:7.2.3] -> [7.2.4]
      $ROOT/compose.yaml:9: [$R/files/nginx:1.25.3-alpine] -> [1.26.0-alpine]
      $ROOT/compose.yaml:12: [$R/files/redis:7.2.3] -> [7.2.4]
      $ROOT/compose.yaml:14: [$R/files/app:1.4.0@$APP_1_4_0] -> [1.5.0@$APP_1_5_0]
      $ROOT/compose.yaml:16: [$R/files/cache:1.0@$CACHE_OLD] -> [1.0@$CACHE_NEW]
      $ROOT/crlf/prod.env:1: [$R/files/nginx:1.25.3-alpine] -> [1.26.0-alpine]
      $ROOT/crlf/prod.env:2: [$R/files/postgres:16.1] -> [16.2]
      $ROOT/k8s/app.yaml:11: [$R/files/busybox:1.36.0] -> [1.36.1]
      $ROOT/k8s/app.yaml:14: [$R/files/app:1.4.0] -> [1.4.1]
      $ROOT/k8s/app.yaml:15: [$R/files/redis:7.2.3] -> [7.2.4]
      $ROOT/k8s/app.yaml:29: [$R/files/postgres:16.1] -> [16.2]
      $ROOT/terraform/main.tf:5: [$R/files/traefik:v2.10.7] -> [v2.11.0]
      $ROOT/terraform/main.tf:15: [$R/files/postgres:16.1] -> [16.2]
      $ROOT/broken/missing.env: held back: an image in it has an error; --force writes its other updates

      --- $ROOT/.env
      +++ $ROOT/.env
      @@ -1,9 +1,9 @@
       # Pi-hole stack: versions pinned here, compose.yaml reads them
      -PIHOLE_IMAGE=$R/files/pihole:2022.12
      -export PROXY_IMAGE="$R/files/nginx:1.25.3-alpine"   # front proxy
      +PIHOLE_IMAGE=$R/files/pihole:2022.12.1
      +export PROXY_IMAGE="$R/files/nginx:1.26.0-alpine"   # front proxy
       IMAGE_DB_REGISTRY=$R
       IMAGE_DB_NAME='files/postgres'
      -IMAGE_DB_VERSION=16.1
      +IMAGE_DB_VERSION=16.2
       CURRENT_IMAGE=$R/files/nginx:1.26.0-alpine
       # refit: ignore
       LEGACY_IMAGE=$R/files/nginx:1.25.3-alpine
      --- $ROOT/Dockerfile
      +++ $ROOT/Dockerfile
      @@ -1,5 +1,5 @@
       # syntax=docker/dockerfile:1
      -ARG GO_VERSION=1.21.5
      +ARG GO_VERSION=1.22.0
       FROM --platform=$BUILDPLATFORM $R/files/golang:${GO_VERSION}-alpine AS build
       RUN go build -o /out/app ./cmd/app
      \s
      --- $ROOT/chart/values.yaml
      +++ $ROOT/chart/values.yaml
      @@ -2,10 +2,10 @@
       image:
         registry: $R
         repository: files/app
      -  tag: "1.4.0"
      +  tag: "1.5.0"
         pullPolicy: IfNotPresent
      \s
       redis:
         image:
           repository: $R/files/redis
      -    tag: 7.2.3
      +    tag: 7.2.4
      --- $ROOT/compose.yaml
      +++ $ROOT/compose.yaml
      @@ -6,13 +6,13 @@
           image: ${PIHOLE_IMAGE}   # from .env
           restart: unless-stopped
         proxy:
      -    image: "$R/files/nginx:1.25.3-alpine"
      +    image: "$R/files/nginx:1.26.0-alpine"
           ports: ["80:80", "443:443"]
         cache:
      -    image:    '$R/files/redis:7.2.3'   # refit: semver:patch
      +    image:    '$R/files/redis:7.2.4'   # refit: semver:patch
         worker:
      -    image: $R/files/app:1.4.0@$APP_1_4_0
      +    image: $R/files/app:1.5.0@$APP_1_5_0
         sessions:
      -    image: $R/files/cache:1.0@$CACHE_OLD
      +    image: $R/files/cache:1.0@$CACHE_NEW
         tools:
           build: ./tools
      --- $ROOT/crlf/prod.env
      +++ $ROOT/crlf/prod.env
      @@ -1,2 +1,2 @@
      -WEB_IMAGE=$R/files/nginx:1.25.3-alpine
      -DB_IMAGE="$R/files/postgres:16.1"
      \\ No newline at end of file
      +WEB_IMAGE=$R/files/nginx:1.26.0-alpine
      +DB_IMAGE="$R/files/postgres:16.2"
      \\ No newline at end of file
      --- $ROOT/k8s/app.yaml
      +++ $ROOT/k8s/app.yaml
      @@ -8,11 +8,11 @@
           spec:
             initContainers:
               - name: wait
      -          image: $R/files/busybox:1.36.0
      +          image: $R/files/busybox:1.36.1
             containers:
               - name: app
      -          image: "$R/files/app:1.4.0" # refit: semver:patch
      -        - {name: metrics, image: $R/files/redis:7.2.3}
      +          image: "$R/files/app:1.4.1" # refit: semver:patch
      +        - {name: metrics, image: $R/files/redis:7.2.4}
       ---
       apiVersion: batch/v1
       kind: CronJob
      @@ -26,4 +26,4 @@
               spec:
                 containers:
                   - name: backup
      -              image: $R/files/postgres:16.1
      +              image: $R/files/postgres:16.2
      --- $ROOT/terraform/main.tf
      +++ $ROOT/terraform/main.tf
      @@ -1,7 +1,7 @@
       # Traefik in front of everything
       locals {
         proxy_name    = "$R/files/traefik"
      -  proxy_version = "v2.10.7" # refit: semver:minor
      +  proxy_version = "v2.11.0" # refit: semver:minor
         proxy_image   = "${local.proxy_name}:${local.proxy_version}"
       }
      \s
      --- $ROOT/terraform/variables.tf
      +++ $ROOT/terraform/variables.tf
      @@ -1,5 +1,5 @@
       variable "postgres_version" {
         description = "PostgreSQL, pinned"
         type        = string
      -  default     = "16.1"
      +  default     = "16.2"
       }
      """;
}

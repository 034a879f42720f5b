package dev.refit.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCommitterTest {
  private static final Map<String, String> IDENTITY =
      Map.of(
          "GIT_AUTHOR_NAME", "Refit Test",
          "GIT_AUTHOR_EMAIL", "refit@example.test",
          "GIT_COMMITTER_NAME", "Refit Test",
          "GIT_COMMITTER_EMAIL", "refit@example.test",
          "GIT_CONFIG_GLOBAL", "/dev/null",
          "GIT_CONFIG_NOSYSTEM", "1");

  @TempDir Path repo;

  @Test
  void commitsTheWrittenFilesOnlyWithTheBumps() throws Exception {
    git("init", "-q");
    Files.writeString(repo.resolve(".env"), "WEB_IMAGE=nginx:1.25.3\n");
    Files.createDirectories(repo.resolve("k8s"));
    Files.writeString(repo.resolve("k8s/app.yaml"), "image: app:1.0.0\n");
    Files.writeString(repo.resolve("unrelated.txt"), "one\n");
    git("add", ".");
    git("commit", "-q", "-m", "start");
    Files.writeString(repo.resolve(".env"), "WEB_IMAGE=nginx:1.25.4\n");
    Files.writeString(repo.resolve("k8s/app.yaml"), "image: app:1.1.0\n");
    Files.writeString(repo.resolve("unrelated.txt"), "two\n");
    git("add", "unrelated.txt");

    List<GitCommitter.Commit> commits =
        new GitCommitter(IDENTITY)
            .commit(
                List.of(
                    new GitCommitter.Change(
                        repo.resolve(".env"), List.of(new GitCommitter.Bump("docker.io/library/nginx", "1.25.3", "1.25.4", 1))),
                    new GitCommitter.Change(
                        repo.resolve("k8s/app.yaml"), List.of(new GitCommitter.Bump("docker.io/library/app", "1.0.0", "1.1.0", 1)))));

    assertThat(commits).singleElement().satisfies(c -> {
      assertThat(c.repository()).isEqualTo(repo.toRealPath());
      assertThat(c.files()).containsExactly(Path.of(".env"), Path.of("k8s/app.yaml"));
      assertThat(c.id()).isEqualTo(git("rev-parse", "--short", "HEAD").strip());
    });
    assertThat(git("log", "-1", "--format=%B"))
        .isEqualTo(
            "refit: update 2 images\n\n"
                + "- docker.io/library/nginx 1.25.3 -> 1.25.4 (.env:1)\n"
                + "- docker.io/library/app 1.0.0 -> 1.1.0 (k8s/app.yaml:1)\n\n");
    assertThat(git("show", "--name-only", "--format=", "HEAD")).isEqualTo(".env\nk8s/app.yaml\n");
    assertThat(git("diff", "--cached", "--name-only")).as("still staged, not committed").isEqualTo("unrelated.txt\n");
  }

  @Test
  void oneBumpNamesItInTheSubject() throws Exception {
    git("init", "-q");
    Files.writeString(repo.resolve(".env"), "A_IMAGE=a:1\n");
    new GitCommitter(IDENTITY)
        .commit(List.of(new GitCommitter.Change(repo.resolve(".env"), List.of(new GitCommitter.Bump("docker.io/library/a", "1", "2", 1)))));
    assertThat(git("log", "-1", "--format=%s")).isEqualTo("refit: update docker.io/library/a to 2\n");
  }

  @Test
  void outsideARepositoryIsAnError(@TempDir Path elsewhere) throws Exception {
    Files.writeString(elsewhere.resolve(".env"), "A=1\n");
    Map<String, String> env = new java.util.HashMap<>(IDENTITY);
    env.put("GIT_CEILING_DIRECTORIES", elsewhere.getParent().toString());
    assertThatThrownBy(
            () ->
                new GitCommitter(env)
                    .commit(List.of(new GitCommitter.Change(elsewhere.resolve(".env"), List.of(new GitCommitter.Bump("x", "1", "2", 1))))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("git rev-parse in " + elsewhere + " failed: fatal: not a git repository");
  }

  private String git(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(IDENTITY);
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("git %s: %s", String.join(" ", args), out).isZero();
    return out;
  }
}

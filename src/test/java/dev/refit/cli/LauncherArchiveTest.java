package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherArchiveTest {
  @TempDir Path dir;

  @Test
  void anArchiveTheJvmDidNotMapIsDeletedAndOneItMappedIsKept() throws IOException {
    Path archive = Files.writeString(dir.resolve("refit-cds-check.jsa"), "archive");

    assertThat(LauncherArchive.dropIfUnused(archive.toString(), "mixed mode, sharing")).isFalse();
    assertThat(archive).exists();

    assertThat(LauncherArchive.dropIfUnused(archive.toString(), "mixed mode")).isTrue();
    assertThat(archive).doesNotExist();
  }

  @Test
  void onlyAnArchiveTheLauncherNamedIsEverDeleted() throws IOException {
    Path other = Files.writeString(dir.resolve("refit.db"), "state");

    assertThat(LauncherArchive.dropIfUnused(other.toString(), "mixed mode")).isFalse();
    assertThat(LauncherArchive.dropIfUnused(null, "mixed mode")).isFalse();
    assertThat(other).exists();
  }

  /** What the launcher relies on, asked of this machine's own JVM. */
  @Test
  void theJvmSaysSharingOnlyWhenItMappedAnArchive() throws Exception {
    Path foreign = Files.writeString(dir.resolve("foreign.jsa"), "made by another Java runtime");

    assertThat(vmInfo("-XX:SharedArchiveFile=" + foreign, "-Xlog:cds=off")).doesNotContain("sharing");
    // the JDK's own archive, where the runtime has one (a jlink'd runtime may not)
    assumeThat(Path.of(System.getProperty("java.home"), "lib", "server", "classes.jsa")).exists();
    assertThat(vmInfo("-Xshare:auto")).contains("sharing");
  }

  private static String vmInfo(String... options) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(List.of(options));
    command.addAll(List.of("-XshowSettings:properties", "-version"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return output.lines().filter(l -> l.contains("java.vm.info")).findFirst().orElse("");
  }
}

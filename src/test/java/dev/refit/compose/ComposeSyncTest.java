package dev.refit.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.files.AtomicFileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a Compose service's version is written and the edits that move it: an {@code image:} line,
 * a {@code ${VAR:-default}}, a {@code .env} value, an override file; files that cannot be read;
 * files that name something else; the hash asked of Compose with the edited content.
 */
class ComposeSyncTest {
  @TempDir Path dir;

  private final List<Map<Path, String>> hashed = new ArrayList<>();
  private ConfigHasher.Answer answer = new ConfigHasher.Hash("a".repeat(64));
  private final ComposeSync sync =
      new ComposeSync(
          (service, edited) -> {
            hashed.add(edited);
            return answer;
          });

  @Test
  void anImageLineGetsTheNewTagAndTheNewContainerTheHashOfTheEditedFile() throws IOException {
    Path yml = write("docker-compose.yml", "services:\n  web:\n    image: reg/web:1.0.0  # keep\n");

    ComposeChange change = sync.plan(labels("web", yml), "reg/web:1.0.0", "reg/web:1.1.0", true);

    assertThat(change.written()).isEqualTo("compose: writes reg/web:1.1.0 into " + yml + ":3");
    assertThat(change.notes()).isEmpty();
    assertThat(change.labels()).containsEntry(ComposeService.CONFIG_HASH, "a".repeat(64));
    assertThat(hashed).containsExactly(Map.of(yml, "services:\n  web:\n    image: reg/web:1.1.0  # keep\n"));
    assertThat(Files.readString(yml)).as("nothing written yet").contains("1.0.0");
    assertThat(new ComposeFiles(new AtomicFileWriter()).write(change.edits())).isEmpty();
    assertThat(Files.readString(yml)).isEqualTo("services:\n  web:\n    image: reg/web:1.1.0  # keep\n");
  }

  @Test
  void aDefaultIsEditedWhereTheDotenvDoesNotSetTheVariable() throws IOException {
    Path yml = write("compose.yaml", "services:\n  api:\n    image: \"${API_IMAGE:-reg/api:2.0}\"\n");
    write(".env", "OTHER=1\n");

    ComposeChange change = sync.plan(labels("api", yml), "reg/api:2.0", "reg/api:2.1", false);

    new ComposeFiles(new AtomicFileWriter()).write(change.edits());
    assertThat(Files.readString(yml)).isEqualTo("services:\n  api:\n    image: \"${API_IMAGE:-reg/api:2.1}\"\n");
    assertThat(change.labels()).isEmpty();
    assertThat(hashed).isEmpty();
  }

  @Test
  void aDotenvValueIsEditedWhereItSetsTheVariableAndItsOtherValuesStayOutOfTheJournal()
      throws IOException {
    Path yml = write("docker-compose.yml", "services:\n  worker:\n    image: reg/worker:${TAG:-0.9}\n");
    Path env = write(".env", "# tags\nTAG=1.0.0\nPASSWORD=hunter2\n");

    ComposeChange change = sync.plan(labels("worker", yml), "reg/worker:1.0.0", "reg/worker:1.2.0", true);

    assertThat(change.written()).isEqualTo("compose: writes reg/worker:1.2.0 into " + env + ":2");
    assertThat(hashed).containsExactly(Map.of(env, "# tags\nTAG=1.2.0\nPASSWORD=hunter2\n"));
    assertThat(change.edits()).singleElement().satisfies(e -> {
      assertThat(e.path()).isEqualTo(env.toString());
      assertThat(e.toString()).doesNotContain("hunter2");
    });
    new ComposeFiles(new AtomicFileWriter()).write(change.edits());
    assertThat(Files.readString(env)).isEqualTo("# tags\nTAG=1.2.0\nPASSWORD=hunter2\n");
    assertThat(Files.readString(yml)).contains("${TAG:-0.9}");
  }

  @Test
  void theLastFileThatSetsTheImageIsTheOneEdited() throws IOException {
    Path base = write("docker-compose.yml", "services:\n  web:\n    image: reg/web:1.0.0\n");
    Path override = write("docker-compose.override.yml", "services:\n  web:\n    image: reg/web:1.0.1\n");
    Map<String, String> labels = labels("web", base);
    labels.put(ComposeService.CONFIG_FILES, base + "," + override);

    ComposeChange change = sync.plan(labels, "reg/web:1.0.1", "reg/web:1.0.2", false);

    assertThat(change.edits()).singleElement().satisfies(e -> assertThat(e.path()).isEqualTo(override.toString()));
  }

  @Test
  void anUnreadableFileLeavesTheFilesAloneAndSaysWhatComposeUpWouldDo() {
    Map<String, String> labels = labels("web", Path.of("/nowhere/docker-compose.yml"));
    labels.put(ComposeService.WORKING_DIR, "/nowhere");

    ComposeChange change = sync.plan(labels, "reg/web:1", "reg/web:2", true);

    assertThat(change.edits()).isEmpty();
    assertThat(change.labels()).isEmpty();
    assertThat(change.notes()).containsExactly(
        "compose file /nowhere/docker-compose.yml does not exist here, so it still names reg/web:1:"
            + " `docker compose up` in /nowhere would put reg/web:1 back; run Refit on the host, or"
            + " mount /nowhere at the same path (-v /nowhere:/nowhere)");
  }

  @Test
  void filesThatNameAnotherImageThanTheContainerRunsAreLeftAlone() throws IOException {
    Path yml = write("docker-compose.yml", "services:\n  web:\n    image: reg/web:3.0.0\n");

    ComposeChange change = sync.plan(labels("web", yml), "reg/web:1.0.0", "reg/web:1.1.0", true);

    assertThat(change.edits()).isEmpty();
    assertThat(change.notes()).singleElement().asString().contains("its files name reg/web:3.0.0");
  }

  @Test
  void aVariableSetNowhereInTheFilesIsNotGuessed() throws IOException {
    Path yml = write("docker-compose.yml", "services:\n  web:\n    image: reg/web:${TAG}\n");

    ComposeChange change = sync.plan(labels("web", yml), "reg/web:1", "reg/web:2", true);

    assertThat(change.edits()).isEmpty();
    assertThat(change.notes()).singleElement().asString()
        .contains("takes a variable that neither " + dir.resolve(".env") + " nor a ${VAR:-default} sets");
  }

  @Test
  void aDigestUpdateEditsNothingButStillAsksForTheHash() throws IOException {
    Path yml = write("docker-compose.yml", "services:\n  web:\n    image: reg/web:latest\n");

    ComposeChange change = sync.plan(labels("web", yml), "reg/web:latest", "reg/web:latest", true);

    assertThat(change.edits()).isEmpty();
    assertThat(change.notes()).isEmpty();
    assertThat(hashed).containsExactly(Map.of());
    assertThat(change.labels()).containsKey(ComposeService.CONFIG_HASH);
  }

  @Test
  void withoutComposeAtHandTheFilesAreStillEditedAndTheReportSaysComposeWillRecreateOnce()
      throws IOException {
    Path yml = write("docker-compose.yml", "services:\n  web:\n    image: reg/web:1\n");
    answer = new ConfigHasher.Unknown("Refit found no docker-compose here to compute the service's config hash");

    ComposeChange change = sync.plan(labels("web", yml), "reg/web:1", "reg/web:2", true);

    assertThat(change.edits()).hasSize(1);
    assertThat(change.labels()).isEmpty();
    assertThat(change.notes()).containsExactly(
        "compose: Refit found no docker-compose here to compute the service's config hash:"
            + " `docker compose up` will recreate it once (on reg/web:2)");
  }

  @Test
  void aContainerWithoutComposeFilesIsNoneOfItsBusiness() {
    ComposeChange change =
        sync.plan(Map.of(ComposeService.PROJECT, "it", ComposeService.SERVICE, "web"), "a:1", "a:2", true);

    assertThat(change).isEqualTo(ComposeChange.NONE);
  }

  private Map<String, String> labels(String service, Path file) {
    Map<String, String> labels = new HashMap<>();
    labels.put(ComposeService.PROJECT, "shop");
    labels.put(ComposeService.SERVICE, service);
    labels.put(ComposeService.WORKING_DIR, dir.toString());
    labels.put(ComposeService.CONFIG_FILES, file.toString());
    labels.put(ComposeService.VERSION, "1.29.2");
    return labels;
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}

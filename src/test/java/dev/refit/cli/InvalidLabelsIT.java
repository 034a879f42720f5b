package dev.refit.cli;

import static dev.refit.cli.UpdateTestbed.SERVE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code refit update --dry-run} and {@code refit update} report a bad label on the same row. */
class InvalidLabelsIT {
  private static UpdateTestbed bed;

  @BeforeAll
  static void images() {
    bed = new UpdateTestbed("labels-it", null);
    String serve = "[\"sh\",\"-c\",\"" + SERVE + "\"]";
    bed.publish("lbl:1.0.0", "CMD " + serve);
    bed.publish("lbl:1.0.1", "CMD " + serve, "LABEL v=1.0.1");
    bed.forget("lbl:1.0.1");
  }

  @AfterAll
  static void tearDown() {
    bed.containers.removeAll();
    bed.close();
  }

  private static String row(RefitCli.Run run, String name) {
    return Arrays.stream(run.out().split("\n")).filter(l -> l.startsWith(name + " ")).findFirst().orElse("(none) " + run);
  }

  @Test
  void aBadPolicyLabelIsTheSameErrorRowInADryRunAndARealRun() {
    for (Map.Entry<String, String> e :
        Map.of("lbl-policy", "\"refit.policy\": \"semver:newest\"", "lbl-stable", "\"refit.stability\": \"a while\"").entrySet()) {
      bed.run(
          e.getKey(),
          "{\"Image\": \"%s\", \"Labels\": {%s}, \"HostConfig\": {\"NetworkMode\": \"none\"}}"
              .formatted(bed.image("lbl:1.0.0"), e.getValue()),
          Map.of());
    }
    RefitCli.Run dry = bed.refit("update", "--dry-run", "lbl-policy", "lbl-stable");
    RefitCli.Run real = bed.refit("update", "lbl-policy", "lbl-stable");
    for (String name : List.of("lbl-policy", "lbl-stable")) {
      assertThat(row(dry, name)).as(name).isEqualTo(row(real, name));
    }
    assertThat(row(real, "lbl-stable")).endsWith("failed: label refit.stability='a while' is not a duration; use e.g. 10s, 2m");
    assertThat(dry.out()).contains("lbl-stable: would not update ");
    assertThat(dry.exitCode()).isEqualTo(real.exitCode()).isEqualTo(1);
  }
}

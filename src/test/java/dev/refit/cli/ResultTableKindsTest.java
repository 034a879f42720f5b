package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckResult;
import dev.refit.check.CheckStatus;
import dev.refit.check.UpdateKind;
import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.target.Target;
import dev.refit.target.TargetKind;
import dev.refit.target.UpdateRules;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableKindsTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  private static CheckResult result(TargetKind kind, String name, String image) {
    ImageReference ref = ImageReference.parse(image);
    Target target =
        new Target(kind, name, name, "host", image, null, List.of(), new UpdateRules(true, null, null, null, null));
    return new CheckResult(
        target, ref, Digest.parse(DIGEST), "semver:minor", CheckStatus.UPDATE_AVAILABLE,
        new AvailableUpdate(UpdateKind.TAG, ref.withoutDigest().withTag("1.1.0"), null), null);
  }

  @Test
  void servicesGetAKindColumnAndShowTheirImageByTag() {
    StringWriter out = new StringWriter();
    ResultTable.print(
        List.of(
            result(TargetKind.CONTAINER, "cache", "r.io/cache:1.0.0"),
            result(TargetKind.SERVICE, "web", "r.io/web:1.0.0@" + DIGEST)),
        new PrintWriter(out, true));

    assertThat(out.toString())
        .isEqualTo(
            "KIND       NAME   IMAGE             CURRENT               AVAILABLE  POLICY        STATUS\n"
                + "container  cache  r.io/cache:1.0.0  1.0.0 (abababababab)  1.1.0      semver:minor  update available\n"
                + "service    web    r.io/web:1.0.0    1.0.0 (abababababab)  1.1.0      semver:minor  update available\n"
                + "\n"
                + "1 container, 1 service: 2 updates available\n");
  }

  @Test
  void onlyContainersKeepTheFamiliarTable() {
    StringWriter out = new StringWriter();
    ResultTable.print(List.of(result(TargetKind.CONTAINER, "cache", "r.io/cache:1.0.0")), new PrintWriter(out, true));
    assertThat(out.toString()).startsWith("CONTAINER  IMAGE").endsWith("\n1 container: 1 update available\n");
    assertThat(ResultTable.targets(List.of())).isEqualTo("0 containers");
    assertThat(ResultTable.targets(List.of(result(TargetKind.SERVICE, "a", "r.io/a:1"), result(TargetKind.SERVICE, "b", "r.io/b:1"))))
        .isEqualTo("2 services");
  }
}

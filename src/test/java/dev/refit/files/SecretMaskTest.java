package dev.refit.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskTest {
  @Test
  void masksValuesWhoseKeysNameSecrets() {
    assertThat(
            SecretMask.mask(
                List.of(
                    "DB_PASSWORD=hunter2",
                    "export API_TOKEN=\"abc\"   # rotate monthly",
                    "  secretKey: xyz",
                    "    - AWS_SECRET_ACCESS_KEY=k",
                    "  db_password = \"p\"",
                    "\"clientSecret\": \"s\",",
                    "TZ=Europe/Berlin",
                    "  tokenFile:")))
        .containsExactly(
            "DB_PASSWORD=***",
            "export API_TOKEN=***",
            "  secretKey: ***",
            "    - AWS_SECRET_ACCESS_KEY=***",
            "  db_password = ***",
            "\"clientSecret\": ***",
            "TZ=Europe/Berlin",
            "  tokenFile:");
  }

  @Test
  void masksTheValueOfAnEnvEntryNamedLikeASecret() {
    assertThat(
            SecretMask.mask(
                List.of(
                    "        - name: POSTGRES_PASSWORD",
                    "          value: hunter2",
                    "        - name: TZ",
                    "          value: UTC")))
        .containsExactly(
            "        - name: POSTGRES_PASSWORD",
            "          value: ***",
            "        - name: TZ",
            "          value: UTC");
  }

  @Test
  void masksCredentialsInUrls() {
    assertThat(SecretMask.mask(List.of("DATABASE=postgres://app:hunter2@db:5432/app")))
        .containsExactly("DATABASE=postgres://***@db:5432/app");
  }

  @Test
  void aDiffNeverShowsANeighbouringSecret() {
    String before = "DB_PASSWORD=hunter2\nWEB_IMAGE=nginx:1.25.3\nTZ=UTC\n";
    String after = before.replace("1.25.3", "1.25.4");
    assertThat(UnifiedDiff.of(".env", before, after))
        .isEqualTo("--- .env\n+++ .env\n@@ -1,3 +1,3 @@\n DB_PASSWORD=***\n-WEB_IMAGE=nginx:1.25.3\n+WEB_IMAGE=nginx:1.25.4\n TZ=UTC\n")
        .doesNotContain("hunter2");
  }
}

package dev.refit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/serve.md lists every configuration key and environment variable Refit reads. */
class ConfigDocsTest {
  @Test
  void everyKeyAndVariableIsDocumented() throws IOException {
    String docs = Files.readString(Path.of("docs/serve.md"));
    for (EnvironmentVariables.Variable v : EnvironmentVariables.FIXED) {
      assertThat(docs).as(v.name()).contains("`" + v.name() + "`");
      assertThat(docs).as(v.key()).contains("`" + v.key() + "`");
    }
    EnvironmentVariables.REGISTRY_FIELDS.forEach(
        (env, key) -> {
          assertThat(docs).contains("`REFIT_REGISTRY_<NAME>_" + env + "`");
          assertThat(docs).contains("`registries.<name>." + key + "`");
        });
    EnvironmentVariables.NOTIFY_FIELDS.forEach(
        (env, key) -> {
          assertThat(docs).contains("`REFIT_NOTIFY_<NAME>_" + env + "`");
          assertThat(docs).contains("`notify.<name>." + key + "`");
        });
    for (String kind : WebhookSettings.KINDS) {
      assertThat(docs).contains("`" + kind + "`");
    }
  }
}

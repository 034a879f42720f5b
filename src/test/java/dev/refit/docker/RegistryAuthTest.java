package dev.refit.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.image.ImageReference;
import dev.refit.registry.Credential;
import dev.refit.registry.StaticCredentials;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryAuthTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String decode(RegistryAuth auth) throws Exception {
    String header = auth.header().get("X-Registry-Auth");
    return JSON.readTree(Base64.getUrlDecoder().decode(header)).toString();
  }

  @Test
  void encodesAsTheDockerCliDoes() throws Exception {
    RegistryAuth auth = RegistryAuth.of("ghcr.io", new Credential("bot", "p+/=?ss", "config"));
    assertThat(decode(auth))
        .isEqualTo("{\"username\":\"bot\",\"password\":\"p+/=?ss\",\"serveraddress\":\"ghcr.io\"}");
    assertThat(auth.header().get("X-Registry-Auth")).doesNotContain("+").doesNotContain("/");
  }

  @Test
  void identityTokensAndDockerHub() throws Exception {
    RegistryAuth auth = RegistryAuth.of("docker.io", new Credential("<token>", "refresh", "config"));
    assertThat(decode(auth))
        .isEqualTo("{\"identitytoken\":\"refresh\",\"serveraddress\":\"https://index.docker.io/v1/\"}");
  }

  @Test
  void findsTheCredentialOfTheImagesRegistryAndNeverShowsIt() {
    StaticCredentials store =
        new StaticCredentials(Map.of("registry.example:5000", new Credential("u", "hunter2", "REFIT_REGISTRY_X_PASSWORD")));
    RegistryAuth auth =
        RegistryAuth.forImage(ImageReference.parse("registry.example:5000/app:1"), store).orElseThrow();
    assertThat(auth.toString())
        .isEqualTo("RegistryAuth[registry.example:5000 from REFIT_REGISTRY_X_PASSWORD, ***]")
        .doesNotContain("hunter2");
    assertThat(RegistryAuth.forImage(ImageReference.parse("nginx:1"), store)).isEmpty();
    assertThat(RegistryAuth.headers(java.util.Optional.empty())).isEmpty();
  }
}

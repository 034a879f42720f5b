package dev.refit.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistryEndpointsTest {
  @Test
  void plainHttpOnlyForLoopbackAndInsecureRegistries() {
    RegistryEndpoints endpoints = new RegistryEndpoints(Set.of("10.0.0.5:5000"));
    assertThat(endpoints.base("127.0.0.1:5000").toString()).isEqualTo("http://127.0.0.1:5000");
    assertThat(endpoints.base("127.8.9.10").toString()).isEqualTo("http://127.8.9.10");
    assertThat(endpoints.base("localhost:5000").toString()).isEqualTo("http://localhost:5000");
    assertThat(endpoints.base("[::1]:5000").toString()).isEqualTo("http://[::1]:5000");
    assertThat(endpoints.base("10.0.0.5:5000").toString()).isEqualTo("http://10.0.0.5:5000");
    assertThat(endpoints.base("registry-1.docker.io").toString())
        .isEqualTo("https://registry-1.docker.io");
    assertThat(endpoints.base("ghcr.io").toString()).isEqualTo("https://ghcr.io");
    assertThat(endpoints.base("127.evil.com").toString()).isEqualTo("https://127.evil.com");
  }
}

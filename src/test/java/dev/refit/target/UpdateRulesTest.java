package dev.refit.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdateRulesTest {
  @Test
  void monitorOnlyLabel() {
    assertThat(UpdateRules.fromLabels(Map.of(), false).monitorOnly()).isFalse();
    assertThat(UpdateRules.fromLabels(Map.of("refit.monitor-only", "true"), false).monitorOnly()).isTrue();
    assertThat(UpdateRules.fromLabels(Map.of("refit.monitor-only", "off"), false).monitorOnly()).isFalse();
    UpdateRules bad = UpdateRules.fromLabels(Map.of("refit.monitor-only", "maybe"), false);
    assertThat(bad.problem()).isEqualTo("label refit.monitor-only='maybe' must be true or false");
  }
}

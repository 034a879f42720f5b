package dev.refit.rollout.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogTailTest {
  @Test
  void masksEveryEnvironmentValueLongestFirst() {
    List<String> lines =
        List.of("connecting with s3cr3t-token-xyz", "token prefix s3cr3t and port 80", "nothing here");

    List<String> masked = LogTail.masked(lines, List.of("s3cr3t", "s3cr3t-token-xyz", "80", ""));

    assertThat(masked)
        .containsExactly("connecting with ****", "token prefix **** and port 80", "nothing here");
  }

  @Test
  void leavesTheLinesAloneWithoutValuesWorthMasking() {
    assertThat(LogTail.masked(List.of("a b c"), List.of("a", "bc"))).containsExactly("a b c");
  }
}

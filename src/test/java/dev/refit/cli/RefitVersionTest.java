package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.build.BuildInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefitVersionTest {
  @Test
  void printsVersionCommitAndBuildTime() {
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"--version"}, Map.of(), new PrintWriter(out), new PrintWriter(new StringWriter()));
    BuildInfo build = BuildInfo.current();
    assertThat(code).isZero();
    assertThat(out.toString().lines())
        .containsExactly(
            "refit " + build.version(), "commit " + build.commit(), "built " + build.buildTime());
  }
}

package dev.refit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a JVM of its own with class loading logged (no shared archive, so every
 * class shows): how a test proves that a path loads no TLS class, say.
 *
 * @param output what the main printed
 * @param loaded the {@code [class,load]} lines, one per class
 */
public record ClassLoads(String output, List<String> loaded) {

  public static ClassLoads of(Class<?> main, Map<String, String> environment)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java.toString(),
                "-Xshare:off",
                "-Xlog:class+load=info:stdout:tags",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName())
            .redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new ClassLoads(
        output, output.lines().filter(line -> line.startsWith("[class,load]")).toList());
  }
}

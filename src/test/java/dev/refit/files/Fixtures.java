package dev.refit.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The fixture tree of {@code refit files} (src/test/resources/files-fixtures): one file per format,
 * with comments, odd quoting, CRLF, a malformed YAML file. Its references name the placeholder
 * registry {@link #REGISTRY}; digests are placeholders too. {@link #copy} writes a copy with real
 * values, byte for byte otherwise.
 */
public final class Fixtures {
  public static final String REGISTRY = "refit-test-registry:5000";
  public static final String APP_1_4_0_DIGEST = "APP_1_4_0_DIGEST";
  public static final String CACHE_1_0_OLD_DIGEST = "CACHE_1_0_OLD_DIGEST";

  private Fixtures() {}

  /** Every fixture file, relative to the tree's root, sorted. */
  public static List<Path> files() {
    try (Stream<Path> walk = Files.walk(root())) {
      return walk.filter(Files::isRegularFile).map(root()::relativize).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the tree to {@code target}, replacing each key of {@code values} by its value. */
  public static void copy(Path target, Map<String, String> values) {
    for (Path relative : files()) {
      try {
        String text = Files.readString(root().resolve(relative), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> value : values.entrySet()) {
          text = text.replace(value.getKey(), value.getValue());
        }
        Path file = target.resolve(relative.toString());
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static Path root() {
    try {
      return Path.of(Fixtures.class.getResource("/files-fixtures").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}

package dev.refit.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What this Refit was built from: the version, the git commit and the build time that Maven writes
 * into {@code dev/refit/build/build.properties}. {@code refit --version}, {@code /healthz} and the
 * API show the same three values. The build time of an image is the commit's time, so that the
 * same commit builds the same image digest (see scripts/image).
 *
 * @param version e.g. {@code 0.1.0}
 * @param commit the full git commit id, or {@code unknown}
 * @param buildTime an ISO-8601 instant, or {@code unknown}
 */
public record BuildInfo(String version, String commit, String buildTime) {
  public static final String UNKNOWN = "unknown";
  private static final String RESOURCE = "build.properties";

  /** The values of the running Refit; {@code unknown} for what the build did not fill in. */
  public static BuildInfo current() {
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return new BuildInfo(UNKNOWN, UNKNOWN, UNKNOWN);
      }
      Properties p = new Properties();
      p.load(in);
      return of(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE + " from the classpath", e);
    }
  }

  static BuildInfo of(Properties p) {
    return new BuildInfo(value(p, "version"), value(p, "commit"), value(p, "buildTime"));
  }

  /** An unfiltered placeholder ({@code ${...}}, a build without Maven) counts as unknown. */
  private static String value(Properties p, String key) {
    String v = p.getProperty(key, "").strip();
    return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
  }

  /** The short form of the commit, as {@code git log --oneline} prints it. */
  public String shortCommit() {
    return commit.length() > 12 && !commit.equals(UNKNOWN) ? commit.substring(0, 12) : commit;
  }
}

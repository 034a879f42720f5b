package dev.refit.rollout.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the container this Refit runs in, if any. Under cgroup v1 {@code /proc/self/cgroup} names
 * it ({@code .../docker/<id>}); otherwise the engine bind-mounts the container's own {@code hostname}
 * file from {@code <data-root>/containers/<id>/} onto {@code /etc/hostname}, and {@code
 * /proc/self/mountinfo} shows where it came from (a container sharing another's network namespace
 * would see that one's, hence cgroup first).
 */
public final class SelfContainer {
  private static final Pattern SOURCE =
      Pattern.compile(".*/containers/([0-9a-f]{64})/(hostname|hosts|resolv\\.conf)$");

  private SelfContainer() {}

  private static final Pattern CGROUP = Pattern.compile(".*[/-]([0-9a-f]{64})(\\.scope)?$");

  /** The id of the container this process runs in, or empty on a plain host. */
  public static Optional<String> detect() {
    Optional<String> fromCgroup = fromCgroup(Path.of("/proc/self/cgroup"));
    return fromCgroup.isPresent() ? fromCgroup : fromMountInfo(Path.of("/proc/self/mountinfo"));
  }

  static Optional<String> fromCgroup(Path cgroup) {
    try {
      for (String line : Files.readAllLines(cgroup)) {
        Matcher m = CGROUP.matcher(line.strip());
        if (m.matches()) {
          return Optional.of(m.group(1));
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  static Optional<String> fromMountInfo(Path mountInfo) {
    List<String> lines;
    try {
      lines = Files.readAllLines(mountInfo);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return parse(lines);
  }

  /** Reads mountinfo lines: {@code id parent major:minor root mountpoint options ...}. */
  static Optional<String> parse(List<String> lines) {
    for (String line : lines) {
      String[] fields = line.split(" ");
      if (fields.length < 5) {
        continue;
      }
      String mountPoint = fields[4];
      if (!mountPoint.equals("/etc/hostname") && !mountPoint.equals("/etc/hosts")
          && !mountPoint.equals("/etc/resolv.conf")) {
        continue;
      }
      Matcher m = SOURCE.matcher(fields[3]);
      if (m.matches()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }
}

package dev.refit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The class-data archive the launcher ({@code ./refit}) asked this JVM to map, deleted when the
 * JVM could not use it. The launcher names an archive by command only, so after a Java upgrade, or
 * with another Java runtime, the JVM finds one it cannot use and silently runs without: every
 * later run would start without its classes archived until the jar was rebuilt. Deleted, the next
 * runs record and dump one for the runtime in use.
 */
final class LauncherArchive {
  /** The system property the launcher names the archive in. */
  static final String PROPERTY = "refit.cds.archive";

  private LauncherArchive() {}

  /**
   * @param archive the property's value, or null when the launcher gave none
   * @param vmInfo the JVM's {@code java.vm.info}: it says {@code sharing} when an archive is mapped
   * @return whether the archive was deleted
   */
  static boolean dropIfUnused(String archive, String vmInfo) {
    // only what the launcher names so: never some other file a stray property points at
    if (archive == null || !archive.endsWith(".jsa") || vmInfo.contains("sharing")) {
      return false;
    }
    try {
      return Files.deleteIfExists(Path.of(archive));
    } catch (IOException | RuntimeException e) {
      return false; // a read-only install: the runs go on without the archive, as before
    }
  }
}

package dev.refit.cli;

import dev.refit.build.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code refit --version}: the version, the commit and the build time, one per line. */
final class RefitVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return lines(BuildInfo.current());
  }

  static String[] lines(BuildInfo info) {
    return new String[] {
      "refit " + info.version(), "commit " + info.commit(), "built " + info.buildTime()
    };
  }
}

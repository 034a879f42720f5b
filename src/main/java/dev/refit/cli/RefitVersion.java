package dev.refit.cli;

import picocli.CommandLine.IVersionProvider;

/** Prints the version recorded in the jar's manifest. */
final class RefitVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = RefitVersion.class.getPackage().getImplementationVersion();
    return new String[] {"refit " + (version == null ? "(development build)" : version)};
  }
}

package dev.refit.files.formats;

import dev.refit.files.FileFormat;
import dev.refit.files.dockerfile.DockerfileFormat;
import dev.refit.files.dotenv.DotenvFormat;
import dev.refit.files.hcl.HclFormat;
import dev.refit.files.yaml.YamlFormat;
import java.util.List;

/**
 * Every format Refit reads. It lives above the format packages (each of which builds on
 * {@code dev.refit.files}) so that {@code files} itself never names them: the updater is handed
 * its formats, and the package graph stays acyclic.
 */
public final class KnownFormats {
  private KnownFormats() {}

  /** Every format Refit reads, in the order a file name is matched against them. */
  public static List<FileFormat> all() {
    return List.of(new DotenvFormat(), new DockerfileFormat(), new YamlFormat(), new HclFormat());
  }
}

package dev.refit.cli;

import dev.refit.config.ConfigPrinter;
import dev.refit.config.RefitConfig;
import dev.refit.docker.DockerEngine;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code refit config}: the effective configuration, after every layer, with secrets masked. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the effective configuration (defaults < file < REFIT_* variables < flags) as YAML,",
      "with every secret shown as ***. A bad value stops with one line naming it."
    })
final class ConfigCommand implements Callable<Integer> {
  @ParentCommand private RefitCommand parent;

  @Spec private CommandSpec spec;

  @Mixin private ConfigOptions options;

  @Override
  public Integer call() {
    RefitConfig config = options.load(parent.environment());
    spec.commandLine().getOut().print(
        ConfigPrinter.render(
            config,
            DockerEngine.resolveHost(config.dockerHost(), parent.environment()),
            StateDirectory.of(config, parent.environment())));
    return 0;
  }
}

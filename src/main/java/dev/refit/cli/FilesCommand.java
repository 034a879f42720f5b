package dev.refit.cli;

import dev.refit.config.ConfigLoader;
import dev.refit.config.RefitConfig;
import dev.refit.files.AtomicFileWriter;
import dev.refit.files.FileImageChecker;
import dev.refit.files.FilesOptions;
import dev.refit.files.FilesReport;
import dev.refit.files.FilesUpdater;
import dev.refit.files.GitCommitter;
import dev.refit.files.PolicyChoice;
import dev.refit.files.formats.KnownFormats;
import dev.refit.pipeline.RegistryAccess;
import dev.refit.registry.RegistryClient;
import dev.refit.version.SemverLevel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code refit files}: update the image versions pinned in files. */
@Command(
    name = "files",
    mixinStandardHelpOptions = true,
    description = {
      "Finds the images pinned in .env, Compose, Kubernetes and Helm YAML, Dockerfiles and"
          + " Terraform files, checks their registries with the same policies as check, prints one"
          + " line per image and a unified diff of what --write changes.",
      "Markers: '# refit: <policy>' or '# refit: ignore' after a value or on the line above it;"
          + " rules: refit-files.yaml next to the files.",
      "Exit status: 0 all current (or all updates written), 1 updates available, 2 errors."
    })
final class FilesCommand implements Callable<Integer> {
  @ParentCommand private RefitCommand parent;

  @Spec private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories to scan.")
  private List<Path> paths;

  @Option(names = "--write", description = "Write the updates into the files (atomically).")
  private boolean write;

  @Option(
      names = "--force",
      description = "Also write files in which some image had an error (their other updates).")
  private boolean force;

  @Option(
      names = "--commit",
      description = "Implies --write; commit the changed files to git, listing the bumps (never pushes).")
  private boolean commit;

  @Option(names = "--json", description = "Print a JSON document instead of lines and a diff.")
  private boolean json;

  @Option(
      names = "--policy",
      paramLabel = "POLICY",
      description =
          "Default for version tags that no marker or refit-files.yaml rule covers: semver:patch,"
              + " semver:minor (default), semver:major or semver:all.")
  private String policy;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Refit configuration file (default: $" + ConfigLoader.CONFIG_ENV + ").")
  private Path configFile;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> environment = parent.environment();
    RefitConfig config = new ConfigLoader(environment).load(configFile);
    SemverLevel level =
        policy == null ? config.versionTagLevel() : ConfigLoader.parseVersionTagLevel("--policy", policy);
    RegistryClient registry = RegistryAccess.client(config, environment);
    FilesUpdater updater =
        new FilesUpdater(
            KnownFormats.all(),
            new PolicyChoice(level),
            new FileImageChecker(registry, config.checkParallelism()),
            new AtomicFileWriter(),
            new GitCommitter(environment));
    ProgressLine progress = ProgressLine.forTerminal(err);
    FilesReport report =
        updater.run(paths, new FilesOptions(write || commit, force, commit), progress);
    progress.clear();
    if (json) {
      out.println(FilesReportJson.render(Instant.now(), report, registry.stats()));
    } else {
      FilesReportText.print(report, out);
      err.println("refit: " + FilesReportText.summary(report));
    }
    return report.exitCode();
  }
}

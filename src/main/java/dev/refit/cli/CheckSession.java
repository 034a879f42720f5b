package dev.refit.cli;

import dev.refit.check.CheckProgress;
import dev.refit.check.CheckResult;
import dev.refit.check.UpdateChecker;
import dev.refit.config.ConfigLoader;
import dev.refit.config.RefitConfig;
import dev.refit.docker.DockerEngine;
import dev.refit.registry.CredentialStore;
import dev.refit.registry.RegistryClient;
import dev.refit.target.DockerContainerDiscovery;
import dev.refit.target.Target;
import dev.refit.version.PolicyDefaults;
import dev.refit.version.PolicyResolver;
import dev.refit.version.SemverLevel;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code check} and {@code update} share: the configuration, the engine, the registry client
 * with its credentials, discovery and the checker, wired the same way for both.
 */
final class CheckSession implements AutoCloseable {
  private final RefitConfig config;
  private final SemverLevel level;
  private final boolean optIn;
  private final CredentialStore credentials;
  private final RegistryClient registry;
  private final DockerEngine engine;

  private CheckSession(
      RefitConfig config,
      SemverLevel level,
      boolean optIn,
      CredentialStore credentials,
      RegistryClient registry,
      DockerEngine engine) {
    this.config = config;
    this.level = level;
    this.optIn = optIn;
    this.credentials = credentials;
    this.registry = registry;
    this.engine = engine;
  }

  /** Reads the configuration and connects to the engine; fails in one line if either is wrong. */
  static CheckSession open(TargetOptions options, Map<String, String> environment) {
    RefitConfig config = new ConfigLoader(environment).load(options.configFile);
    return open(config, options, environment);
  }

  static CheckSession open(RefitConfig config, TargetOptions options, Map<String, String> environment) {
    SemverLevel level =
        options.defaultPolicy == null
            ? config.versionTagLevel()
            : ConfigLoader.parseVersionTagLevel("--default-policy", options.defaultPolicy);
    String dockerHost =
        DockerEngine.resolveHost(
            options.host != null ? options.host : config.dockerHost(), environment);
    CredentialStore credentials = RegistryAccess.credentials(config, environment);
    RegistryClient registry = RegistryClient.create(config.registry(), credentials);
    DockerEngine engine = DockerEngine.connect(dockerHost);
    return new CheckSession(config, level, options.optIn || config.optInOnly(), credentials, registry, engine);
  }

  RefitConfig config() {
    return config;
  }

  DockerEngine engine() {
    return engine;
  }

  CredentialStore credentials() {
    return credentials;
  }

  RegistryClient registry() {
    return registry;
  }

  /** The engine's containers, running only unless {@code includeStopped}. */
  List<Target> discover(boolean includeStopped) {
    return new DockerContainerDiscovery(engine, optIn).discover(includeStopped);
  }

  /** One container by id or name, running or not. */
  Optional<Target> find(String idOrName) {
    return new DockerContainerDiscovery(engine, optIn).find(idOrName);
  }

  List<CheckResult> check(List<Target> targets, CheckProgress progress) {
    UpdateChecker checker =
        new UpdateChecker(
            registry,
            new PolicyResolver(new PolicyDefaults(level)),
            engine.platform(),
            config.checkParallelism());
    return checker.check(targets, progress);
  }

  @Override
  public void close() {
    engine.close();
  }
}

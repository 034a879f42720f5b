package dev.refit.pipeline;

import dev.refit.check.CheckProgress;
import dev.refit.check.ClientRegistryQuestions;
import dev.refit.check.UpdateChecker;
import dev.refit.check.WantedImage;
import dev.refit.http.client.OriginClient;
import dev.refit.image.Platform;
import dev.refit.registry.CredentialStore;
import dev.refit.registry.RegistryClient;
import dev.refit.registry.RegistrySettings;
import dev.refit.target.Target;
import dev.refit.version.PolicyResolver;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks with a registry client of its own per cycle: a registry that was unreachable or rate
 * limited in one cycle is asked again in the next, each cycle's costs are its own, and each cycle
 * reads the credentials afresh. The HTTP client under it is shared by every cycle (see {@link
 * RegistryClient#create(OriginClient, RegistrySettings, CredentialStore)}).
 */
public final class RegistryTargetChecker implements TargetChecker {
  private final Supplier<OriginClient> http;
  private final RegistrySettings settings;
  private final Supplier<CredentialStore> credentials;
  private final PolicyResolver policies;
  private final Supplier<Platform> platform;
  private final int parallelism;

  public RegistryTargetChecker(
      Supplier<OriginClient> http,
      RegistrySettings settings,
      Supplier<CredentialStore> credentials,
      PolicyResolver policies,
      Supplier<Platform> platform,
      int parallelism) {
    this.http = http;
    this.settings = settings;
    this.credentials = credentials;
    this.policies = policies;
    this.platform = platform;
    this.parallelism = parallelism;
  }

  @Override
  public Checked check(List<Target> targets, CheckProgress progress) {
    return check(targets, Map.of(), progress);
  }

  @Override
  public Checked check(List<Target> targets, Map<String, WantedImage> wanted, CheckProgress progress) {
    RegistryClient registry = RegistryClient.create(http.get(), settings, credentials.get());
    UpdateChecker checker =
        new UpdateChecker(new ClientRegistryQuestions(registry), policies, platform, parallelism);
    return new Checked(checker.check(targets, wanted, progress), registry.stats());
  }
}

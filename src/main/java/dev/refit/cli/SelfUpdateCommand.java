package dev.refit.cli;

import dev.refit.check.AvailableUpdate;
import dev.refit.check.CheckResult;
import dev.refit.check.CheckStatus;
import dev.refit.check.UpdateKind;
import dev.refit.config.RefitConfig;
import dev.refit.image.Digest;
import dev.refit.image.ImageReference;
import dev.refit.plan.Decision;
import dev.refit.plan.UpdatePlan;
import dev.refit.rollout.RecoveryResult;
import dev.refit.rollout.Rollout;
import dev.refit.rollout.RolloutListener;
import dev.refit.rollout.RolloutResult;
import dev.refit.store.Database;
import dev.refit.store.StateLock;
import dev.refit.target.DockerContainerDiscovery;
import dev.refit.target.Target;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code refit self-update}: what Refit's helper container runs (from the NEW Refit image) to
 * replace the Refit container that started it, with the same recreate, health gate and rollback
 * as any container. Not meant to be run by hand.
 */
@Command(
    name = "self-update",
    hidden = true,
    description = "Replaces a Refit container by one from a new image (run by Refit's helper).")
final class SelfUpdateCommand implements Callable<Integer> {
  private static final Duration LOCK_WAIT = Duration.ofMinutes(10);

  @ParentCommand private RefitCommand parent;
  @Spec private CommandSpec spec;

  @Mixin private TargetOptions targetOptions;

  @Option(names = "--container", required = true, paramLabel = "ID", description = "The Refit container to replace.")
  private String containerId;

  @Option(names = "--image", required = true, paramLabel = "REF", description = "The reference the new container gets.")
  private String image;

  @Option(names = "--digest", required = true, paramLabel = "DIGEST", description = "The digest pulled for it.")
  private String digest;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RefitConfig config = targetOptions.load(parent.environment(), List.of());
    try (Database db = StateDirectory.open(config, parent.environment());
        EngineSession session = EngineSession.open(config, parent.environment());
        StateLock lock =
            StateLock.acquire(
                db.directory(), LOCK_WAIT, Clock.systemUTC(),
                () -> err.println("refit: waiting for the updating Refit to finish"))) {
      // only the rollout step: the old Refit checked and pulled the image; this helper applies it
      Rollout rollout = session.pipelines().rollout(db, "self-update");
      for (RecoveryResult r : rollout.recover()) {
        out.println("recovered " + r.targetName() + ": " + r.message());
      }
      Target target =
          new DockerContainerDiscovery(session.engine(), config.optInOnly())
              .find(containerId)
              .orElseThrow(() -> new IllegalArgumentException("no container " + containerId + " to update"));
      ImageReference from = ImageReference.parse(target.image());
      ImageReference to = ImageReference.parse(image);
      UpdateKind kind = from.withoutDigest().equals(to.withoutDigest()) ? UpdateKind.DIGEST : UpdateKind.TAG;
      CheckResult check =
          new CheckResult(
              target, from, null, "self-update", CheckStatus.UPDATE_AVAILABLE,
              new AvailableUpdate(kind, to.withoutDigest(), Digest.parse(digest)), null);
      List<RolloutResult> results =
          rollout.apply(List.of(new UpdatePlan(check, Decision.APPLY, null)), RolloutListener.none());
      for (RolloutResult r : results) {
        out.println(
            r.target().name() + ": " + r.outcome().text() + (r.message() == null ? "" : ": " + r.message()));
        r.logTail().forEach(line -> out.println("  | " + line));
      }
      return results.stream().anyMatch(RolloutResult::failed) ? 1 : 0;
    }
  }
}

package dev.refit.fleet.host;

import dev.refit.check.WantedImage;
import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.CommandReport;
import dev.refit.fleet.protocol.Inventory;
import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.CycleRequest;
import dev.refit.pipeline.TargetReport;
import dev.refit.rollout.RolloutResult;
import dev.refit.server.DaemonCore;
import dev.refit.store.StoreException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One host's pipeline as the fleet sees it: commands go in as cycle requests, and each finished
 * cycle comes out as an inventory. An agent puts its connection in front of this; the server puts
 * its environment {@code local} in front of its own.
 */
public final class LocalEnvironment implements HostEnvironment {
  /** What a report keeps of a failed container's log: enough to see why, small on the wire. */
  static final int LOG_TAIL_LINES = 40;

  private final DaemonCore core;
  private final EngineFacts facts;
  private final Clock clock;

  public LocalEnvironment(DaemonCore core, EngineFacts facts, Clock clock) {
    this.core = core;
    this.facts = facts;
    this.clock = clock;
  }

  @Override
  public EngineFacts facts() {
    return facts;
  }

  @Override
  public Inventory inventory() {
    CycleReport last = core.lastCycle();
    return new Inventory(
        last == null ? clock.instant() : last.startedAt(),
        InventoryRows.of(core.targets(), core.config().gates().mode().label(), core.lastOutcomes()));
  }

  @Override
  public boolean checked() {
    return core.lastCycle() != null;
  }

  /** Told after every cycle, whatever asked for it, so the server's view follows the schedule too. */
  @Override
  public void onInventory(Runnable listener) {
    core.onReport(report -> listener.run());
  }

  /**
   * Runs a command through the pipeline. {@link dev.refit.fleet.protocol.Action#UPGRADE_AGENT} is
   * the agent's own business and is refused here.
   *
   * @return completes with the command's report once its cycle ended (never exceptionally)
   */
  @Override
  public CompletableFuture<CommandReport> execute(Command command) {
    try {
      return switch (command.action()) {
        case CHECK_NOW ->
            core.submit(CycleRequest.everything("fleet"))
                .thenApply(report -> checked(command.id(), report));
        case APPLY -> apply(command);
        case APPROVE -> CompletableFuture.completedFuture(approve(command));
        case UPGRADE_AGENT ->
            CompletableFuture.completedFuture(
                failed(command.id(), "this environment does not upgrade itself through the fleet"));
      };
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(failed(command.id(), message(e)));
    }
  }

  private CompletableFuture<CommandReport> apply(Command command) {
    LinkedHashSet<String> names = new LinkedHashSet<>(command.targets());
    return core.submit(applyRequest(command))
        .thenApply(report -> applied(command.id(), names, report));
  }

  /**
   * An APPLY without a tag applies what each target's policy picks; with one, exactly that tag,
   * like {@code refit update NAME --to TAG}. A downgrade stays refused: the protocol has no field
   * to allow one, and a campaign rolling many hosts back by accident is worse than a person
   * running {@code refit update NAME --to TAG --allow-downgrade} on the host.
   *
   * @throws IllegalArgumentException for a tag that is not a valid image tag
   */
  static CycleRequest applyRequest(Command command) {
    LinkedHashSet<String> names = new LinkedHashSet<>(command.targets());
    String tag = command.tag();
    if (tag == null) {
      return CycleRequest.apply(names, "fleet");
    }
    WantedImage.Tag wanted;
    try {
      wanted = new WantedImage.Tag(tag, false);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tag: " + e.getMessage(), e);
    }
    return CycleRequest.exact(names, wanted, "fleet");
  }

  private CommandReport approve(Command command) {
    String text = String.valueOf(command.approvalId());
    long id;
    try {
      id = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return failed(command.id(), "approval id '" + text + "' is not a number");
    }
    try {
      var decided = core.approve(id, "fleet");
      return new CommandReport(
          command.id(),
          true,
          "approved " + decided.update().targetName() + " -> " + decided.update().toImage(),
          "");
    } catch (IllegalArgumentException | StoreException e) {
      return failed(command.id(), message(e));
    }
  }

  private static CommandReport checked(String id, CycleReport report) {
    if (report.error() != null) {
      return failed(id, "the check failed: " + report.error());
    }
    long available =
        report.targets().stream().filter(t -> t.check().update() != null).count();
    return new CommandReport(
        id, true, "checked " + report.targets().size() + " targets, " + available + " with an update", "");
  }

  /**
   * Succeeds when every named target ends up current: updated now, or already up to date. A name
   * no target has, a failed check or a failed rollout fails the command.
   */
  static CommandReport applied(String id, LinkedHashSet<String> names, CycleReport report) {
    if (report.error() != null) {
      return failed(id, "the cycle failed: " + report.error());
    }
    List<String> lines = new ArrayList<>();
    List<String> logTail = new ArrayList<>();
    boolean ok = true;
    for (String name : names) {
      Optional<TargetReport> found =
          report.targets().stream().filter(t -> t.check().target().name().equals(name)).findFirst();
      if (found.isEmpty()) {
        ok = false;
        lines.add(name + ": no such target");
        continue;
      }
      TargetReport t = found.get();
      RolloutResult outcome = t.outcome();
      if (outcome != null) {
        ok &= !outcome.failed();
        lines.add(
            name + ": " + outcome.outcome().text() + " " + outcome.fromImage() + " -> " + outcome.toImage()
                + (outcome.message() == null ? "" : " (" + outcome.message() + ")"));
        logTail.addAll(outcome.logTail());
      } else if (t.check().update() != null) {
        ok = false;
        String why = t.plan() == null || t.plan().reason() == null ? "not applied" : t.plan().reason();
        lines.add(name + ": update available but " + why);
      } else {
        boolean error = t.check().reason() != null && t.check().status().name().equals("ERROR");
        ok &= !error;
        lines.add(name + ": " + (t.check().reason() != null ? t.check().reason() : t.check().status().text()));
      }
    }
    int from = Math.max(0, logTail.size() - LOG_TAIL_LINES);
    return new CommandReport(
        id, ok, String.join("; ", lines), String.join("\n", logTail.subList(from, logTail.size())));
  }

  private static CommandReport failed(String id, String message) {
    return new CommandReport(id, false, message, "");
  }

  private static String message(Exception e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }
}

package dev.refit.rollout.container;

import dev.refit.docker.EngineMessages;
import dev.refit.rollout.RecoveryResult;
import dev.refit.store.Journal;
import dev.refit.store.JournalEntry;
import dev.refit.store.UpdateOutcome;
import dev.refit.target.DockerContainerDiscovery;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Repairs an old container parked as {@code <name>-refit-old} that no journal knows: a run whose
 * journal could not be written (a full disk) and that then died, or one whose state directory is
 * gone. Under the claim of {@code <name>} (so never while a live Refit, whatever its state
 * directory, is in the middle of that update) it gives the container its name back when no
 * container holds it, and starts it: Refit only ever parks running containers.
 */
final class OrphanRepair {
  private final ContainerEngine ops;
  private final TargetClaims claims;
  private final Journal journal;
  private final String location;

  OrphanRepair(ContainerEngine ops, TargetClaims claims, Journal journal, String location) {
    this.location = location;
    this.ops = ops;
    this.claims = claims;
    this.journal = journal;
  }

  List<RecoveryResult> run() {
    Set<String> journaled = journaledOldIds();
    List<RecoveryResult> results = new ArrayList<>();
    for (ContainerInfo parked : parked()) {
      if (journaled.contains(parked.id())) {
        continue; // its journal entry is recovered (or left for a live helper) by itself
      }
      repair(parked).ifPresent(results::add);
    }
    return results;
  }

  private Optional<RecoveryResult> repair(ContainerInfo parked) {
    String parkedName = parked.name();
    String name =
        parkedName.substring(0, parkedName.length() - DockerContainerDiscovery.PARKED_SUFFIX.length());
    TargetClaims.Attempt attempt = claims.claim(name, parked.imageId());
    if (!(attempt instanceof TargetClaims.Claimed claimed)) {
      return Optional.empty(); // a live Refit is updating it: the parked container is its own
    }
    try {
      Optional<ContainerInfo> again = ops.find(parked.id());
      if (again.isEmpty() || !again.get().name().equals(parkedName)) {
        return Optional.empty(); // its owner finished just before we claimed it
      }
      Optional<ContainerInfo> holder = ops.find(name);
      if (holder.isPresent()) {
        return Optional.of(
            result(name, UpdateOutcome.BROKEN,
                "found " + parkedName + " with no journal entry, and " + name + " exists too ("
                    + holder.get().shortId() + "); left both: keep the one you want, remove the other"));
      }
      ops.rename(parked.id(), name);
      boolean started = false;
      if (!again.get().running()) {
        ops.start(parked.id());
        started = true;
      }
      return Optional.of(
          result(name, UpdateOutcome.RECOVERED,
              "found " + parkedName + " with no journal entry and no container named " + name
                  + ": gave it its name back" + (started ? " and started it" : "")));
    } catch (RuntimeException e) {
      return Optional.of(
          result(name, UpdateOutcome.BROKEN,
              "found " + parkedName + " with no journal entry; cannot give it its name back: "
                  + EngineMessages.of(e)));
    } finally {
      claims.release(claimed.claim());
    }
  }

  private RecoveryResult result(String name, UpdateOutcome outcome, String message) {
    return RecoveryResult.orphan(name, Recreation.JOURNAL_KIND.stored(), Step.RENAME_OLD.stored(), location)
        .undone(outcome, message);
  }

  private List<ContainerInfo> parked() {
    return ops.namedEndingWith(DockerContainerDiscovery.PARKED_SUFFIX);
  }

  private Set<String> journaledOldIds() {
    Set<String> ids = new HashSet<>();
    for (JournalEntry e : journal.unfinished()) {
      if (!Recreation.JOURNAL_KIND.is(e.kind())) {
        continue;
      }
      ids.add(e.targetId());
      try {
        RecreationPlan.fromJson(e.plan()).members().forEach(m -> ids.add(m.oldId()));
      } catch (IllegalArgumentException unreadable) {
        // its recovery reports it
      }
    }
    return ids;
  }
}

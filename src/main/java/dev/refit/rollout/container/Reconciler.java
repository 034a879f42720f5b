package dev.refit.rollout.container;

import dev.refit.docker.EngineMessages;
import dev.refit.rollout.PausePoint;
import dev.refit.rollout.container.RecreationPlan.Member;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings the containers of one update to a consistent state from names and ids alone, whatever
 * steps were taken: back to the old containers (roll back) or on to the new ones (roll forward).
 * Used by a failing update and by the recovery of a killed one, so both take the same path.
 */
final class Reconciler {
  /** Allowance between this machine's clock and the engine's timestamps. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  /**
   * TEST ONLY: the pause point ({@link PausePoint}) right before the volumes are restored, within
   * the journaled rollback step, so the crash tests can kill Refit there.
   */
  static final String RESTORE_PAUSE = "restore";

  private final ContainerEngine ops;
  private final Snapshots snapshots;
  private final PausePoint pause;

  Reconciler(ContainerEngine ops, PausePoint pause) {
    this.ops = ops;
    this.snapshots = new Snapshots(ops);
    this.pause = pause;
  }

  /**
   * Removes the new containers, gives the old ones their names back and starts those that ran.
   *
   * @param knownNewIds new containers by name, as far as known
   * @param began when the update began: another container holding a member's name that was created
   *     since (a create the killed run did not live to journal) counts as new too; anything older
   *     is someone else's and stays
   * @param snapshotted whether the volume snapshots were complete: the volumes get their data back
   *     from them before the old container starts (unless it runs already: a rollback that got
   *     that far restored them before), and the snapshots go; incomplete ones just go
   * @return what could not be restored (empty when everything is back)
   */
  List<String> rollBack(
      RecreationPlan plan, Map<String, String> knownNewIds, Instant began, boolean snapshotted) {
    List<String> problems = new ArrayList<>();
    List<Member> members = plan.members();
    for (int i = members.size() - 1; i >= 0; i--) {
      Member m = members.get(i);
      try {
        String known = knownNewIds.get(m.name());
        if (known != null && !known.equals(m.oldId())) {
          ops.remove(known);
        }
        Optional<ContainerInfo> holder = ops.find(m.name());
        if (holder.isPresent()
            && !holder.get().id().equals(m.oldId())
            && !holder.get().created().isBefore(began.minus(CLOCK_SKEW))) {
          ops.remove(holder.get().id());
        }
      } catch (RuntimeException e) {
        problems.add(m.name() + ": cannot remove the new container: " + EngineMessages.of(e));
      }
    }
    for (int i = members.size() - 1; i >= 0; i--) {
      Member m = members.get(i);
      try {
        Optional<ContainerInfo> old = ops.find(m.oldId());
        if (old.isEmpty()) {
          problems.add(m.name() + ": the old container " + shortId(m.oldId()) + " is gone");
        } else if (!old.get().name().equals(m.name())) {
          ops.rename(m.oldId(), m.name());
        }
      } catch (RuntimeException e) {
        problems.add(m.name() + ": cannot rename the old container back: " + EngineMessages.of(e));
      }
    }
    if (plan.backup() != null) {
      List<String> data = restoreData(plan, snapshotted, problems.isEmpty());
      if (!data.isEmpty()) {
        // the old version must not start on data half restored: it stays stopped, the snapshots stay
        problems.addAll(data);
        return problems;
      }
    }
    boolean primaryRestarted = false;
    for (int i = 0; i < members.size(); i++) {
      Member m = members.get(i);
      if (!m.wasRunning()) {
        continue;
      }
      try {
        Optional<ContainerInfo> old = ops.find(m.oldId());
        if (old.isEmpty()) {
          continue;
        }
        if (!old.get().running()) {
          ops.start(m.oldId());
          primaryRestarted |= i == 0;
        } else if (i > 0 && primaryRestarted) {
          // it shares the namespace of a container that was stopped and started again
          ops.restart(m.oldId());
        }
      } catch (RuntimeException e) {
        problems.add(m.name() + ": cannot start the old container: " + EngineMessages.of(e));
      }
    }
    return problems;
  }

  private List<String> restoreData(RecreationPlan plan, boolean snapshotted, boolean newOnesGone) {
    Member primary = plan.primary();
    if (snapshotted) {
      Optional<ContainerInfo> old;
      try {
        old = ops.find(primary.oldId());
      } catch (RuntimeException e) {
        return List.of(primary.name() + ": cannot look at the old container: " + EngineMessages.of(e));
      }
      if (old.isPresent() && !old.get().running()) {
        List<String> kept = List.copyOf(plan.backup().snapshots().values());
        if (!newOnesGone) {
          return List.of(
              primary.name() + ": its volumes are not restored while the new container may still use"
                  + " them; the old container is left stopped; the data from before is in " + String.join(", ", kept));
        }
        pause.reached(RESTORE_PAUSE);
        List<String> failed = snapshots.restoreTaken(plan);
        if (!failed.isEmpty()) {
          return List.of(
              primary.name() + ": " + String.join("; ", failed) + "; the old container is left stopped;"
                  + " the data from before is in " + String.join(", ", kept));
        }
      }
    }
    snapshots.discard(plan);
    return List.of();
  }

  /** Keeps the newest snapshots a data-safe update's label asks for; what could not be removed. */
  List<String> prune(RecreationPlan plan) {
    if (plan.backup() == null) {
      return List.of();
    }
    try {
      return snapshots.prune(plan.primary().name(), plan.backup().keep());
    } catch (RuntimeException e) {
      return List.of("cannot prune the old snapshots: " + EngineMessages.of(e));
    }
  }

  /**
   * Removes the old containers once every new one passed its gate; starts a new one that should
   * run but does not.
   *
   * @return what could not be done
   */
  List<String> rollForward(RecreationPlan plan) {
    List<String> problems = new ArrayList<>();
    List<Member> members = plan.members();
    for (int i = members.size() - 1; i >= 0; i--) {
      Member m = members.get(i);
      try {
        Optional<ContainerInfo> old = ops.find(m.oldId());
        if (old.isPresent()) {
          if (old.get().name().equals(m.name())) {
            problems.add(m.name() + ": the old container holds the name again; left as it is");
          } else {
            ops.remove(m.oldId());
          }
        }
      } catch (RuntimeException e) {
        problems.add(m.name() + ": cannot remove the old container: " + EngineMessages.of(e));
      }
    }
    for (Member m : members) {
      try {
        Optional<ContainerInfo> current = ops.find(m.name());
        if (current.isEmpty()) {
          problems.add(m.name() + ": no container holds the name");
        } else if (m.wasRunning() && !current.get().running()) {
          ops.start(current.get().id());
        }
      } catch (RuntimeException e) {
        problems.add(m.name() + ": cannot start the new container: " + EngineMessages.of(e));
      }
    }
    return problems;
  }

  /** Restarts the running containers that link to or depend on the updated one. */
  List<String> restartDependants(RecreationPlan plan) {
    List<String> problems = new ArrayList<>();
    for (String name : plan.restart()) {
      try {
        Optional<ContainerInfo> c = ops.find(name);
        if (c.isPresent() && c.get().running()) {
          ops.restart(c.get().id());
        }
      } catch (RuntimeException e) {
        problems.add(name + ": cannot restart: " + EngineMessages.of(e));
      }
    }
    return problems;
  }

  static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}

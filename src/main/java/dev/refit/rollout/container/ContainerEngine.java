package dev.refit.rollout.container;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the recreate path needs from the engine, as Swarm has {@code SwarmApi}: the rollout, its
 * rollback and the recovery of a killed run talk to this, so each branch can be proven against a
 * scripted engine in unit tests and against the real one in the integration tests.
 *
 * <p>Each step is tolerant of having been done already (a recovery repeats steps a killed run may
 * or may not have taken): starting a running container, stopping a stopped one and removing a gone
 * one do nothing.
 */
interface ContainerEngine {

  /** The container with this id or name, if any. */
  Optional<ContainerInfo> find(String idOrName);

  /**
   * The container with this id or name.
   *
   * @throws RuntimeException when it does not exist (an {@code EngineApiException}, {@code notFound()})
   */
  ContainerInfo inspect(String idOrName);

  /**
   * @throws RuntimeException when another container holds {@code name} (an {@code
   *     EngineApiException} whose {@code conflict()} holds, as the engine answers 409)
   */
  void rename(String id, String name);

  /**
   * Creates the container and connects its further networks; removes it again if that fails.
   *
   * @return the new container's id
   */
  String create(CreateRequest request);

  void start(String id);

  /** Stops with the container's own stop timeout ({@code --stop-timeout}), as {@code docker stop}. */
  void stop(String id);

  void restart(String id);

  /** Removes a container, never its volumes: anonymous volumes are shared with its twin. */
  void remove(String id);

  /** Up to {@code lines} last lines of its output; empty when they cannot be read. */
  List<String> logs(String id, int lines);

  /**
   * The exit code of the container's last exit since {@code since}, from the engine's {@code die}
   * events; empty when there was none or the events cannot be read. The container's state cannot
   * tell it once a restart policy has started it again: the engine resets its exit code then.
   */
  default OptionalInt lastExitCode(String id, Instant since) {
    return OptionalInt.empty();
  }

  /** Every container (running or not) whose name ends with {@code suffix}. */
  List<ContainerInfo> namedEndingWith(String suffix);

  /** Whether the engine has this image (by reference or id) without pulling it. */
  boolean hasImage(String reference);

  /** The volume with this name, if any. */
  Optional<VolumeInfo> volume(String name);

  /** Creates a local volume; one of that name that exists already is left as it is, as the engine does. */
  void createVolume(String name, Map<String, String> labels);

  /**
   * Removes a volume; one that is gone already is no error.
   *
   * @throws RuntimeException when a container still uses it
   */
  void removeVolume(String name);

  /** Every volume labelled {@code key=value}. */
  List<VolumeInfo> volumesLabelled(String key, String value);

  /** The bytes each volume holds, as {@code du} counts them, measured by {@code helper}. */
  Map<String, Long> measure(DataHelper helper, List<String> volumes);

  /**
   * Copies everything in {@code volume} into {@code snapshot} (under {@code data/}) and marks the
   * snapshot complete only once the copy is on disk. Repeating it starts the copy afresh.
   */
  void snapshot(DataHelper helper, String volume, String snapshot);

  /**
   * Empties {@code volume} and copies the complete {@code snapshot}'s data into it; refuses an
   * incomplete snapshot before touching the volume. Repeating it gives the same result.
   */
  void restore(DataHelper helper, String snapshot, String volume);

  default void removeQuietly(String id) {
    try {
      remove(id);
    } catch (RuntimeException ignored) {
      // best effort: the caller reports the original failure
    }
  }
}

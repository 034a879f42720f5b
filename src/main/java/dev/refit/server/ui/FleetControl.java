package dev.refit.server.ui;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The fleet as the UI sees it: the environments agents report (not {@code local}, which {@link
 * HostControl} shows), the commands {@code /api/fleet/environments/{name}/check|apply} send, and
 * the join tokens {@code /api/fleet/join-tokens} issues. Defined here, filled by the server's
 * wiring from the fleet server, so the UI does not depend on the fleet's packages.
 */
public interface FleetControl {
  /** Every environment but the server's own engine, by name. */
  List<RemoteEnvironment> environments();

  Optional<RemoteEnvironment> environment(String name);

  /**
   * Queues a check on that environment (delivered now if online, else when it reconnects).
   *
   * @throws IllegalArgumentException when there is no such environment
   */
  void checkNow(String environment);

  /**
   * Queues applying what is available (or exactly {@code tag}) to the target on that environment.
   *
   * @throws IllegalArgumentException when there is no such environment
   */
  void apply(String environment, String target, @Nullable String tag);

  /** A new join token; its secret is in the answer only, never stored or shown again. */
  JoinToken issueJoinToken();

  /**
   * Told whenever an environment comes, goes, reports or sends an inventory, on the fleet's
   * thread; must return quickly.
   */
  default void onChange(Runnable listener) {}

  /** No fleet: a daemon without agents (tests, {@code RefitDaemon}'s short constructor). */
  static FleetControl none() {
    return new FleetControl() {
      @Override
      public List<RemoteEnvironment> environments() {
        return List.of();
      }

      @Override
      public Optional<RemoteEnvironment> environment(String name) {
        return Optional.empty();
      }

      @Override
      public void checkNow(String environment) {
        throw new IllegalArgumentException("no environment named '" + environment + "'");
      }

      @Override
      public void apply(String environment, String target, @Nullable String tag) {
        throw new IllegalArgumentException("no environment named '" + environment + "'");
      }

      @Override
      public JoinToken issueJoinToken() {
        throw new IllegalStateException("this server has no fleet");
      }
    };
  }

  /**
   * @param role {@code standalone}, {@code manager} or {@code worker}
   */
  record RemoteEnvironment(
      String name,
      List<String> labels,
      boolean online,
      @Nullable Instant lastSeen,
      @Nullable String refitVersion,
      @Nullable String engineVersion,
      String role,
      List<RemoteTarget> targets) {
    /** When it was last heard from, as the pages write times; {@code never} before its first hello. */
    public String lastSeenText() {
      return lastSeen == null ? "never" : Texts.time(lastSeen);
    }
  }

  /**
   * A target as the agent's last inventory listed it.
   *
   * @param status the check's status in words ({@code up to date}, {@code error}, ...); empty from
   *     an agent older than protocol 1.1, as are verdict, reason, retry time and outcome
   * @param verdict the plan's verdict in words ({@code wait}, {@code await approval}, ...), or empty
   * @param outcome how the newest attempt ended ({@code applied}, {@code rolled back}, ...), or empty
   * @param waiting whether an available update waits (minimum age, window, approval)
   * @param failed whether the check or the newest attempt failed
   */
  record RemoteTarget(
      String kind,
      String name,
      String image,
      String current,
      @Nullable String available,
      String policy,
      String mode,
      String status,
      String verdict,
      String reason,
      @Nullable Instant retryAt,
      String outcome,
      boolean waiting,
      boolean failed) {
    /** A row of an agent that sends no plan (older than protocol 1.1). */
    public RemoteTarget(
        String kind, String name, String image, String current, @Nullable String available, String policy, String mode) {
      this(kind, name, image, current, available, policy, mode, "", "", "", null, "", false, false);
    }

    /** When waiting may be over, as the pages write times; empty when unknown. */
    public String retryText() {
      return Texts.time(retryAt);
    }

    /** A CSS class for the row: {@code error}, {@code update} or {@code ok}. */
    public String state() {
      return failed ? "error" : available != null ? "update" : "ok";
    }

    /** The name as one segment of a URL path. */
    public String pathName() {
      return Texts.pathSegment(name);
    }
  }

  record JoinToken(String token, Instant expiresAt) {}
}

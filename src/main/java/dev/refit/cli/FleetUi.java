package dev.refit.cli;

import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.CommandReport;
import dev.refit.fleet.protocol.InventoryTarget;
import dev.refit.fleet.server.EnvironmentView;
import dev.refit.fleet.server.FleetHub;
import dev.refit.fleet.server.FleetListener;
import dev.refit.fleet.server.FleetRoutes;
import dev.refit.fleet.server.IssuedJoinToken;
import dev.refit.fleet.server.UnknownEnvironmentException;
import dev.refit.server.ui.FleetControl;
import dev.refit.server.ui.WebUi;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The web UI's view of the fleet, over the same hub the {@code /api/fleet} routes call: it lives
 * here, in the wiring, because the UI must not depend on the fleet's packages (no cycle).
 */
final class FleetUi implements FleetControl {
  private final FleetHub hub;

  FleetUi(FleetHub hub) {
    this.hub = hub;
  }

  @Override
  public List<RemoteEnvironment> environments() {
    return remote(hub.environments().stream()).toList();
  }

  @Override
  public Optional<RemoteEnvironment> environment(String name) {
    return remote(hub.environment(name).stream()).findFirst();
  }

  private static Stream<RemoteEnvironment> remote(Stream<EnvironmentView> views) {
    return views.filter(v -> !WebUi.LOCAL.equals(v.name())).map(FleetUi::view);
  }

  private static RemoteEnvironment view(EnvironmentView v) {
    return new RemoteEnvironment(
        v.name(),
        List.copyOf(v.labels()),
        v.online(),
        v.lastSeen(),
        v.refitVersion(),
        v.engineVersion(),
        v.swarmRole().name().toLowerCase(Locale.ROOT),
        v.targets().stream().map(FleetUi::target).toList());
  }

  private static RemoteTarget target(InventoryTarget t) {
    return new RemoteTarget(
        t.kind().name().toLowerCase(Locale.ROOT),
        t.name(),
        t.image(),
        t.currentTag(),
        t.availableTag(),
        t.policy(),
        t.mode(),
        words(t.status()),
        words(t.verdict()),
        t.reason() == null ? "" : t.reason(),
        t.retryAt(),
        words(t.lastOutcome()),
        t.waiting(),
        t.failing());
  }

  /** The protocol's {@code await-approval} as the pages write it: {@code await approval}. */
  private static String words(@Nullable String word) {
    return word == null ? "" : word.replace('-', ' ');
  }

  @Override
  public void checkNow(String environment) {
    send(environment, Command.checkNow(id()));
  }

  @Override
  public void apply(String environment, String target, @Nullable String tag) {
    send(environment, Command.apply(id(), List.of(target), tag));
  }

  private void send(String environment, Command command) {
    try {
      hub.send(environment, command);
    } catch (UnknownEnvironmentException e) {
      throw new IllegalArgumentException("no environment named '" + environment + "'", e);
    }
  }

  private static String id() {
    return "ui-" + UUID.randomUUID();
  }

  @Override
  public void onChange(Runnable listener) {
    hub.addListener(
        new FleetListener() {
          @Override
          public void onReport(String environment, CommandReport report) {
            listener.run();
          }

          @Override
          public void onOnline(String environment) {
            listener.run();
          }

          @Override
          public void onOffline(String environment) {
            listener.run();
          }

          @Override
          public void onInventory(String environment) {
            listener.run();
          }
        });
  }

  @Override
  public JoinToken issueJoinToken() {
    IssuedJoinToken issued = hub.issueJoinToken(FleetRoutes.DEFAULT_JOIN_TOKEN_TTL);
    return new JoinToken(issued.token().reveal(), issued.expiresAt());
  }
}

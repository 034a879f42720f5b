package dev.refit.fleet.server;

import dev.refit.build.BuildInfo;
import dev.refit.fleet.FleetSettings;
import dev.refit.fleet.host.LocalEnvironment;
import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.CommandAck;
import dev.refit.fleet.protocol.CommandReport;
import dev.refit.fleet.protocol.Direction;
import dev.refit.fleet.protocol.Heartbeat;
import dev.refit.fleet.protocol.Hello;
import dev.refit.fleet.protocol.HistoryBatch;
import dev.refit.fleet.protocol.Inventory;
import dev.refit.fleet.protocol.InventoryTarget;
import dev.refit.fleet.protocol.Message;
import dev.refit.fleet.protocol.MessageCodec;
import dev.refit.fleet.protocol.ProtocolException;
import dev.refit.fleet.protocol.Revoked;
import dev.refit.fleet.protocol.Secret;
import dev.refit.fleet.protocol.SwarmRole;
import dev.refit.fleet.protocol.Welcome;
import java.security.SecureRandom;
import dev.refit.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet server's one place of truth: who may connect, which agents are connected, which
 * commands each still owes a report for, and what each last reported. Transport-agnostic: the
 * WebSocket endpoint hands it {@link Peer}s and frames, so it is tested with fakes.
 *
 * <p>Commands are kept per agent until their report arrives and sent again on every reconnect;
 * the agent's ledger answers a replay with the stored report instead of running it twice. The
 * queue is stored ({@link CommandQueue}), so a restarted server still delivers what it queued.
 * Agents send their own history upstream from the id the welcome names; it is stored per agent.
 */
public final class FleetHub implements FleetDispatch, FleetDirectory {
  public static final String LOCAL = "local";
  /** WebSocket close codes: 1008 policy violation (bad frame, revoked), 1001 going away. */
  static final int POLICY = 1008;

  static final int GOING_AWAY = 1001;

  /** 1011: the server cannot handle the frame now (its database refused a write). */
  static final int SERVER_ERROR = 1011;

  private static final Logger LOG = LoggerFactory.getLogger(FleetHub.class);

  private final AgentStore agents;
  private final EnvironmentStore environments;
  private final CommandQueue commands;
  private final UpstreamHistory history;
  private final AgentCredentials credentials;
  private final JoinTokens joinTokens;
  private final @Nullable LocalEnvironment local;
  private final FleetSettings settings;
  private final Clock clock;
  private final MessageCodec codec = new MessageCodec();
  private final Map<String, AgentSession> sessions = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<CommandReport>> localCommands =
      new ConcurrentHashMap<>();
  private final List<FleetListener> listeners = new CopyOnWriteArrayList<>();

  public FleetHub(
      HubStores stores,
      AgentCredentials credentials,
      JoinTokens joinTokens,
      @Nullable LocalEnvironment local,
      FleetSettings settings,
      Clock clock) {
    this.agents = stores.agents();
    this.environments = stores.environments();
    this.commands = stores.commands();
    this.history = stores.history();
    this.credentials = credentials;
    this.joinTokens = joinTokens;
    this.local = local;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * A hub over these stores, with credentials and join tokens drawn from a {@link SecureRandom}.
   * The name {@value #LOCAL} is reserved even when the server's own engine is not listed: the
   * history calls this host's own entries by it.
   */
  public static FleetHub create(
      HubStores stores, @Nullable LocalEnvironment local, FleetSettings settings, Clock clock) {
    SecureRandom random = new SecureRandom();
    AgentCredentials credentials = new AgentCredentials(stores.agents(), clock, random, Set.of(LOCAL));
    return new FleetHub(
        stores,
        credentials,
        new JoinTokens(stores.joinTokens(), credentials, clock, random),
        local,
        settings,
        clock);
  }

  public FleetSettings settings() {
    return settings;
  }

  // ---------------------------------------------------------------- admission and sessions

  /**
   * Decides, from the upgrade request's headers, whether a connection may open: an agent's own
   * credential ({@code Authorization: Bearer <secret>} with {@code Refit-Agent: <id>}) or a join
   * token ({@code Authorization: Join <token>} with {@code Refit-Agent-Name: <name>}), which is
   * spent here. Nothing reaches a session without passing this.
   *
   * @throws FleetRefusal 401 for a wrong credential, 400/409 for a bad or taken name
   */
  public Admission admit(
      @Nullable String authorization, @Nullable String agentId, @Nullable String agentName) {
    String value = authorization == null ? "" : authorization.trim();
    if (value.regionMatches(true, 0, "Join ", 0, 5)) {
      if (agentName == null || agentName.isBlank()) {
        throw new FleetRefusal(400, "enrolment needs the header Refit-Agent-Name");
      }
      try {
        EnrolledAgent enrolled = joinTokens.spend(secret(value.substring(5)), agentName.trim());
        if (enrolled.retried()) {
          LOG.info(
              "agent '{}' ({}) enrolled again with its join token: it never got the first answer,"
                  + " whose secret no longer works",
              enrolled.name(), enrolled.agentId());
        } else {
          LOG.info("agent '{}' enrolled as {}", enrolled.name(), enrolled.agentId());
        }
        return new Admission(enrolled.agentId(), enrolled.agentSecret());
      } catch (EnrolmentException e) {
        int status = e.reason() == EnrolmentException.Reason.NAME_TAKEN ? 409 : 401;
        throw new FleetRefusal(status, String.valueOf(e.getMessage()));
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new FleetRefusal(400, String.valueOf(e.getMessage()));
      }
    }
    if (value.regionMatches(true, 0, "Bearer ", 0, 7) && agentId != null) {
      Optional<AgentRecord> agent = credentials.verify(agentId.trim(), secret(value.substring(7)));
      // the first connection with its credential proves the agent has it: no enrolment retry after
      if (agent.isPresent() && credentials.confirm(agent.get())) {
        return new Admission(agent.get().agentId(), null);
      }
    }
    // one answer for unknown, wrong and revoked alike
    throw new FleetRefusal(401, "missing or wrong agent credentials");
  }

  private static Secret secret(String text) {
    try {
      return Secret.of(text.trim());
    } catch (IllegalArgumentException e) {
      throw new FleetRefusal(401, "missing or wrong agent credentials");
    }
  }

  /** The WebSocket of an admitted connection opened. */
  public AgentSession open(Admission admission, Peer peer) {
    AgentSession session =
        new AgentSession(admission.agentId(), peer, codec, admission, clock.instant());
    AgentSession previous = sessions.put(admission.agentId(), session);
    if (previous != null) {
      // the agent reconnected before the server noticed the old connection died
      previous.close(GOING_AWAY, "replaced by a new connection");
    }
    return session;
  }

  /** A text frame arrived on the session. */
  public void frame(AgentSession session, String frame) {
    if (session.isClosed()) {
      return;
    }
    Message message;
    try {
      message = codec.decode(frame, Direction.AGENT_TO_SERVER);
    } catch (ProtocolException e) {
      LOG.warn("agent {}: closing the connection: {}", session.agentId(), e.getMessage());
      session.close(POLICY, String.valueOf(e.getMessage()));
      closed(session);
      return;
    }
    try {
      handle(session, message, clock.instant());
    } catch (StoreException e) {
      // a full disk or a lost database: nothing half-stored is acknowledged, so the agent sends it
      // all again (hello, inventory, reports, history) when it reconnects after its backoff
      LOG.warn(
          "agent {}: cannot store its {} ({}); closing its connection, it sends again on reconnecting",
          session.agentId(), message.type().wireName(), e.getMessage());
      session.close(SERVER_ERROR, "the server cannot store this now");
      closed(session);
    }
  }

  private void handle(AgentSession session, Message message, Instant now) {
    session.heard(now);
    if (!session.greeted()) {
      if (message instanceof Hello hello) {
        hello(session, hello, now);
      } else {
        session.close(POLICY, "the first frame must be a hello");
        closed(session);
      }
      return;
    }
    Secret handedOver = session.enrolmentToConfirm();
    if (handedOver != null && !credentials.confirmEnrolled(session.agentId(), handedOver)) {
      // a retry of this enrolment has replaced the secret this connection handed over
      session.close(POLICY, "enrolled again on another connection");
      closed(session);
      return;
    }
    if (message instanceof Inventory inventory) {
      inventory(session.agentId(), inventory, now);
    } else if (message instanceof CommandReport report) {
      report(session.agentId(), report, now);
    } else if (message instanceof HistoryBatch batch) {
      int added = history.store(session.agentId(), batch.entries());
      LOG.debug("agent {} sent {} history entries, {} new", session.agentId(), batch.entries().size(), added);
    } else if (message instanceof CommandAck ack) {
      LOG.debug("agent {} has command {}", session.agentId(), ack.commandId());
    } else if (!(message instanceof Heartbeat)) {
      session.close(POLICY, message.type().wireName() + " is not expected now");
      closed(session);
    }
  }

  private void hello(AgentSession session, Hello hello, Instant now) {
    Optional<AgentRecord> agent = agents.find(session.agentId()).filter(a -> !a.isRevoked());
    if (agent.isEmpty()) {
      session.send(new Revoked("this agent is not enrolled (revoked)"));
      session.close(POLICY, "revoked");
      closed(session);
      return;
    }
    @Nullable Inventory kept = environments.find(session.agentId()).map(StoredEnvironment::inventory).orElse(null);
    environments.save(
        session.agentId(),
        new StoredEnvironment(
            hello.refitVersion(), hello.engineVersion(), hello.swarmRole(), now, kept));
    Admission admission = session.admission();
    // greeted before the welcome goes out: the agent's answer to it must never meet an ungreeted session
    session.greeted(true);
    session.send(
        new Welcome(
            session.agentId(),
            BuildInfo.current().version(),
            (int) settings.heartbeat().toSeconds(),
            admission == null ? null : admission.newSecret(),
            history.lastStored(session.agentId())));
    String name = agent.get().name();
    LOG.info("agent '{}' online (Refit {}, engine {})", name, hello.refitVersion(), hello.engineVersion());
    listeners.forEach(l -> quietly(() -> l.onOnline(name)));
    for (Command command : commands.owed(session.agentId())) {
      session.send(command);
    }
  }

  private void inventory(String agentId, Inventory inventory, Instant now) {
    Optional<StoredEnvironment> known = environments.find(agentId);
    if (known.isEmpty()) {
      return;
    }
    StoredEnvironment e = known.get();
    environments.save(
        agentId, new StoredEnvironment(e.refitVersion(), e.engineVersion(), e.swarmRole(), now, inventory));
    String name = agents.find(agentId).map(AgentRecord::name).orElse(agentId);
    listeners.forEach(l -> quietly(() -> l.onInventory(name)));
  }

  private void report(String agentId, CommandReport report, Instant now) {
    environments.addReport(agentId, report, now);
    if (!commands.remove(agentId, report.commandId())) {
      // a report sent again after a reconnect: counted already
      return;
    }
    String name = agents.find(agentId).map(AgentRecord::name).orElse(agentId);
    listeners.forEach(l -> quietly(() -> l.onReport(name, report)));
  }

  /** The transport saw the connection end (or the hub ended it). */
  public void closed(AgentSession session) {
    session.markClosed();
    if (!sessions.remove(session.agentId(), session)) {
      return;
    }
    try {
      environments
          .find(session.agentId())
          .ifPresent(
              e ->
                  environments.save(
                      session.agentId(),
                      new StoredEnvironment(
                          e.refitVersion(), e.engineVersion(), e.swarmRole(), session.lastFrame(), e.inventory())));
    } catch (StoreException e) {
      // only the last-seen time is lost; the agent is offline all the same
      LOG.debug("agent {}: cannot store when it was last seen: {}", session.agentId(), e.getMessage());
    }
    if (session.greeted()) {
      String name = agents.find(session.agentId()).map(AgentRecord::name).orElse(session.agentId());
      LOG.info("agent '{}' offline", name);
      listeners.forEach(l -> quietly(() -> l.onOffline(name)));
    }
  }

  /**
   * Closes the connections that sent nothing for {@code offlineAfter}: called on a timer. A
   * half-open connection (the agent's host lost power) would otherwise look online for long.
   */
  public void checkHeartbeats() {
    Instant limit = clock.instant().minus(settings.offlineAfter());
    for (AgentSession session : List.copyOf(sessions.values())) {
      if (session.lastFrame().isBefore(limit)) {
        session.close(GOING_AWAY, "no heartbeat for " + settings.offlineAfter().toSeconds() + "s");
        closed(session);
      }
    }
  }

  /** Closes every connection (the server stops); agents reconnect to the next server. */
  public void closeAll() {
    for (AgentSession session : List.copyOf(sessions.values())) {
      session.close(GOING_AWAY, "server stopping");
      closed(session);
    }
  }

  // ---------------------------------------------------------------- dispatch

  @Override
  public void send(String environment, Command command) {
    if (LOCAL.equals(environment) && local != null) {
      sendLocal(command);
      return;
    }
    AgentRecord agent =
        agents.findByName(environment).orElseThrow(() -> new UnknownEnvironmentException(environment));
    if (!commands.add(agent.agentId(), command, clock.instant())) {
      return;
    }
    AgentSession session = sessions.get(agent.agentId());
    if (session != null && session.greeted()) {
      session.send(command);
    }
  }

  @Override
  public Map<String, RuntimeException> sendAll(Map<String, Command> byEnvironment) {
    Map<String, RuntimeException> failed = new java.util.LinkedHashMap<>();
    Map<String, Command> byAgent = new java.util.LinkedHashMap<>();
    byEnvironment.forEach(
        (environment, command) -> {
          if (LOCAL.equals(environment) && local != null) {
            sendLocal(command);
            return;
          }
          Optional<AgentRecord> agent = agents.findByName(environment);
          if (agent.isEmpty()) {
            failed.put(environment, new UnknownEnvironmentException(environment));
          } else {
            byAgent.put(agent.get().agentId(), command);
          }
        });
    for (String agentId : commands.addAll(byAgent, clock.instant())) {
      AgentSession session = sessions.get(agentId);
      if (session != null && session.greeted()) {
        session.send(java.util.Objects.requireNonNull(byAgent.get(agentId)));
      }
    }
    return failed;
  }

  private void sendLocal(Command command) {
    LocalEnvironment here = java.util.Objects.requireNonNull(local);
    CompletableFuture<CommandReport> created = new CompletableFuture<>();
    CompletableFuture<CommandReport> known = localCommands.putIfAbsent(command.id(), created);
    if (known != null) {
      // the same id again: report what it did (once done), never run it again
      known.thenAccept(r -> listeners.forEach(l -> quietly(() -> l.onReport(LOCAL, r))));
      return;
    }
    here.execute(command)
        .thenAccept(
            report -> {
              created.complete(report);
              listeners.forEach(l -> quietly(() -> l.onReport(LOCAL, report)));
            });
  }

  @Override
  public void addListener(FleetListener listener) {
    listeners.add(listener);
  }

  // ---------------------------------------------------------------- directory

  @Override
  public List<EnvironmentView> environments() {
    List<EnvironmentView> all = new ArrayList<>();
    localView().ifPresent(all::add);
    agents.all().stream()
        .filter(a -> !a.isRevoked())
        .sorted(Comparator.comparing(AgentRecord::name))
        .forEach(a -> all.add(view(a)));
    return all;
  }

  @Override
  public Optional<EnvironmentView> environment(String name) {
    if (LOCAL.equals(name)) {
      return localView();
    }
    return agents.findByName(name).map(this::view);
  }

  /** The newest command reports of an environment (none for {@code local}). */
  public List<StoredReport> reports(String name, int limit) {
    return agents
        .findByName(name)
        .map(a -> environments.reports(a.agentId(), limit))
        .orElse(List.of());
  }

  private Optional<EnvironmentView> localView() {
    if (local == null) {
      return Optional.empty();
    }
    Inventory inventory = local.inventory();
    return Optional.of(
        new EnvironmentView(
            LOCAL,
            Set.of(),
            true,
            clock.instant(),
            local.facts().refitVersion(),
            local.facts().engineVersion(),
            local.facts().swarmRole(),
            inventory.targets()));
  }

  private EnvironmentView view(AgentRecord agent) {
    AgentSession session = sessions.get(agent.agentId());
    boolean online = session != null && session.greeted() && !session.isClosed();
    Optional<StoredEnvironment> stored = environments.find(agent.agentId());
    @Nullable Instant lastSeen =
        online && session != null
            ? session.lastFrame()
            : stored.map(StoredEnvironment::lastSeen).orElse(null);
    List<InventoryTarget> targets =
        stored.map(StoredEnvironment::inventory).map(Inventory::targets).orElse(List.of());
    return new EnvironmentView(
        agent.name(),
        agent.labels(),
        online,
        lastSeen,
        stored.map(StoredEnvironment::refitVersion).orElse(null),
        stored.map(StoredEnvironment::engineVersion).orElse(null),
        stored.map(StoredEnvironment::swarmRole).orElse(SwarmRole.STANDALONE),
        targets);
  }

  // ---------------------------------------------------------------- administration

  public IssuedJoinToken issueJoinToken(Duration ttl) {
    joinTokens.removeExpired();
    return joinTokens.issue(ttl);
  }

  /**
   * Revokes the agent and cuts it off at once: its open connection gets {@link Revoked} and is
   * closed, and its credential fails from the next connection on.
   */
  public void revoke(String name) {
    AgentRecord agent = agent(name);
    credentials.revoke(agent.agentId());
    commands.clear(agent.agentId());
    AgentSession session = sessions.get(agent.agentId());
    if (session != null) {
      session.send(new Revoked("revoked by an administrator"));
      session.close(POLICY, "revoked");
      closed(session);
    }
    LOG.info("agent '{}' revoked", name);
  }

  public void rename(String name, String newName) {
    AgentRecord agent = agent(name);
    AgentCredentials.checkName(newName);
    if (credentials.nameTaken(newName) && !newName.equals(name)) {
      throw new IllegalStateException("an environment named '" + newName + "' exists already");
    }
    agents.rename(agent.agentId(), newName);
  }

  public void label(String name, Set<String> labels) {
    AgentRecord agent = agent(name);
    for (String label : labels) {
      if (!label.matches("[A-Za-z0-9][A-Za-z0-9._:=/-]{0,63}")) {
        throw new IllegalArgumentException(
            "label '" + label + "' must be 1 to 64 letters, digits or . _ : = / -");
      }
    }
    agents.setLabels(agent.agentId(), labels);
  }

  private AgentRecord agent(String name) {
    return agents.findByName(name).orElseThrow(() -> new UnknownEnvironmentException(name));
  }

  private static void quietly(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("fleet listener failed: {}", e.toString());
    }
  }
}

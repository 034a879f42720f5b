package dev.refit.campaign.run;

import dev.refit.campaign.CampaignEvent;
import dev.refit.campaign.CampaignMachine;
import dev.refit.campaign.CampaignState;
import dev.refit.campaign.Dispatch;
import dev.refit.campaign.EnvironmentState;
import dev.refit.campaign.Transition;
import dev.refit.fleet.protocol.Command;
import dev.refit.fleet.protocol.CommandReport;
import dev.refit.fleet.server.EnvironmentView;
import dev.refit.fleet.server.FleetDirectory;
import dev.refit.fleet.server.FleetDispatch;
import dev.refit.fleet.server.FleetListener;
import dev.refit.fleet.server.UnknownEnvironmentException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs campaigns: every event (a report, an agent coming or going, a person creating or
 * cancelling, the clock) goes through the {@link CampaignMachine}; the new state is stored, and
 * only then are the commands it asks for sent through the fleet. A restarted server calls {@link
 * #resume()}: unfinished campaigns are loaded, the environments online now are told to the
 * machine, which sends again (under the same ids) what was in flight.
 *
 * <p>All events run on one executor, one at a time, so the machine sees a single ordered stream
 * and the fleet's session threads never wait on the database.
 */
public final class CampaignRunner implements FleetListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CampaignRunner.class);

  private final CampaignStore store;
  private final FleetDispatch fleet;
  private final FleetDirectory directory;
  private final Clock clock;
  private final Executor events;
  private final Supplier<String> ids;
  private final CampaignMachine machine = new CampaignMachine();
  /** Campaigns that may still change; touched only on {@link #events}. */
  private final Map<String, CampaignRecord> active = new LinkedHashMap<>();
  private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

  private @Nullable ExecutorService ownExecutor;
  private @Nullable ScheduledExecutorService ticker;

  /**
   * @param events runs every event in order, one at a time (tests pass {@code Runnable::run})
   * @param ids new campaign ids
   */
  public CampaignRunner(
      CampaignStore store,
      FleetDispatch fleet,
      FleetDirectory directory,
      Clock clock,
      Executor events,
      Supplier<String> ids) {
    this.store = store;
    this.fleet = fleet;
    this.directory = directory;
    this.clock = clock;
    this.events = events;
    this.ids = ids;
  }

  /** The server's runner: its own event thread, random ids; call {@link #start} next. */
  public static CampaignRunner create(
      CampaignStore store, FleetDispatch fleet, FleetDirectory directory, Clock clock) {
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "refit-campaigns");
              t.setDaemon(true);
              return t;
            });
    SecureRandom random = new SecureRandom();
    CampaignRunner runner =
        new CampaignRunner(
            store,
            fleet,
            directory,
            clock,
            executor,
            () -> {
              byte[] bytes = new byte[4];
              random.nextBytes(bytes);
              return "c-" + HexFormat.of().formatHex(bytes);
            });
    runner.ownExecutor = executor;
    return runner;
  }

  /** Resumes stored campaigns, listens to the fleet, and ticks every {@code tickEvery}. */
  public void start(Duration tickEvery) {
    resume();
    fleet.addListener(this);
    ScheduledExecutorService t =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "refit-campaign-ticks");
              thread.setDaemon(true);
              return thread;
            });
    long ms = tickEvery.toMillis();
    t.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    ticker = t;
  }

  /** Loads the unfinished campaigns and tells each which of its environments are online. */
  public void resume() {
    run(
        () -> {
          for (CampaignRecord r : store.unfinished()) {
            active.put(r.id(), r);
            List<CampaignEvent> now = new ArrayList<>(onlineEvents(r.state().environments().keySet()));
            now.add(new CampaignEvent.Tick());
            step(r.id(), now);
            LOG.info("campaign {} resumed ({})", r.id(), r.state().phase().name().toLowerCase(Locale.ROOT));
          }
          return null;
        });
  }

  /** Lets time act: soaks end, deadlines pass. */
  public void tick() {
    later(
        () -> List.copyOf(active.keySet()).forEach(id -> step(id, List.of(new CampaignEvent.Tick()))));
  }

  /**
   * Creates and starts a campaign.
   *
   * @throws CampaignError 400 when the request selects nothing or names what does not exist
   */
  public CampaignRecord create(CampaignRequest request, String createdBy) {
    return run(
        () -> {
          EnvironmentSelection.Resolved chosen = request.selection().resolve(directory, request.scope());
          for (String canary : request.strategy().canaries()) {
            if (!chosen.environments().contains(canary)) {
              throw new CampaignError(400, "canary '" + canary + "' is not one of the campaign's environments");
            }
          }
          String id = newId();
          Instant now = clock.instant();
          CampaignRecord r =
              new CampaignRecord(
                  CampaignState.create(id, chosen.environments(), request.strategy()),
                  request.scope(),
                  chosen.targets(),
                  now,
                  createdBy);
          store.insert(r, now);
          active.put(id, r);
          List<CampaignEvent> start = new ArrayList<>(onlineEvents(chosen.environments()));
          start.add(new CampaignEvent.Start());
          step(id, start);
          LOG.info("campaign {} created by {}: {} {} on {} environments", id, createdBy,
              r.scope().action(), r.scope().image(), chosen.environments().size());
          return store.find(id).orElseThrow();
        });
  }

  /**
   * Stops dispatching; what was sent still reports, what was not is never touched.
   *
   * @throws CampaignError 404 for an unknown campaign, 409 for one already finished
   */
  public CampaignRecord cancel(String id) {
    return run(
        () -> {
          CampaignRecord r = active.get(id);
          if (r == null || r.state().phase().isFinal()) {
            CampaignRecord stored =
                store.find(id).orElseThrow(() -> new CampaignError(404, "no campaign '" + id + "'"));
            throw new CampaignError(
                409, "campaign " + id + " is already " + stored.state().phase().name().toLowerCase(Locale.ROOT));
          }
          step(id, List.of(new CampaignEvent.Cancel()));
          return store.find(id).orElseThrow();
        });
  }

  /** Told after every stored change of a campaign, on the event thread; must return quickly. */
  public void onChange(Runnable listener) {
    changeListeners.add(listener);
  }

  public Optional<CampaignRecord> find(String id) {
    return store.find(id);
  }

  /** Every campaign, newest first. */
  public List<CampaignRecord> all() {
    return store.all();
  }

  @Override
  public void onOnline(String environment) {
    toCampaignsOf(environment, new CampaignEvent.Online(environment));
  }

  @Override
  public void onOffline(String environment) {
    toCampaignsOf(environment, new CampaignEvent.Offline(environment));
  }

  @Override
  public void onReport(String environment, CommandReport report) {
    int slash = report.commandId().indexOf('/');
    if (slash < 0) {
      return; // not a campaign's command (the API's "check now", ...)
    }
    String id = report.commandId().substring(0, slash);
    CampaignEvent event =
        new CampaignEvent.Reported(
            environment,
            report.commandId(),
            report.succeeded(),
            report.message(),
            report.logTail().isEmpty() ? null : report.logTail());
    later(
        () -> {
          if (active.containsKey(id)) {
            step(id, List.of(event));
          }
        });
  }

  /**
   * Runs a fleet event or tick on the campaigns' thread; dropped once the runner stopped (the
   * server is stopping): a resumed campaign sends its open commands again under the same ids, and
   * an agent answers an old one with the report it kept.
   */
  private void later(Runnable task) {
    try {
      events.execute(task);
    } catch (RejectedExecutionException stopping) {
      LOG.debug("campaign runner stopped; event left to the resumed campaign");
    }
  }

  private void toCampaignsOf(String environment, CampaignEvent event) {
    later(
        () ->
            List.copyOf(active.values()).stream()
                .filter(r -> r.state().environments().containsKey(environment))
                .forEach(r -> step(r.id(), List.of(event))));
  }

  private List<CampaignEvent> onlineEvents(Collection<String> environments) {
    List<CampaignEvent> online = new ArrayList<>();
    for (String env : environments) {
      if (directory.environment(env).map(EnvironmentView::online).orElse(false)) {
        online.add(new CampaignEvent.Online(env));
      }
    }
    return online;
  }

  /** Applies events to one campaign, stores the result, then sends what it asks for. */
  private void step(String id, List<CampaignEvent> happened) {
    CampaignRecord r = active.get(id);
    if (r == null) {
      return;
    }
    try {
      Instant now = clock.instant();
      CampaignState state = r.state();
      List<Dispatch> out = new ArrayList<>();
      for (CampaignEvent event : happened) {
        Transition t = machine.apply(state, event, now);
        state = t.state();
        out.addAll(t.dispatches());
      }
      if (changedBeyondOnline(r.state(), state)) {
        store.save(r.state(), state, now);
        changed();
      }
      CampaignRecord after = r.with(state);
      if (state.phase().isFinal() && !r.state().phase().isFinal()) {
        LOG.info("campaign {} {}", id, state.phase().name().toLowerCase(Locale.ROOT));
      }
      if (settled(state)) {
        active.remove(id);
      } else {
        active.put(id, after);
      }
      List<CampaignEvent> undeliverable = new ArrayList<>();
      // a wave goes out at once: the fleet queues it in one write
      Map<String, Command> wave = new LinkedHashMap<>();
      Map<String, String> commandIds = new HashMap<>();
      for (Dispatch d : out) {
        wave.put(d.environment(), after.scope().command(d.commandId(), after.targetsOf(d.environment())));
        commandIds.put(d.environment(), d.commandId());
      }
      fleet.sendAll(wave).forEach(
          (environment, e) -> {
            String commandId = commandIds.getOrDefault(environment, "");
            if (e instanceof UnknownEnvironmentException) {
              // revoked or renamed since the campaign began: it will never report
              undeliverable.add(new CampaignEvent.Reported(environment, commandId, false, e.getMessage(), null));
            } else {
              // stays dispatched: sent again when the agent reconnects, failed at the deadline
              LOG.warn("campaign {}: cannot send {} to {}: {}", id, commandId, environment, e.toString());
            }
          });
      if (!undeliverable.isEmpty()) {
        step(id, undeliverable);
      }
    } catch (RuntimeException e) {
      // the stored state is what counts: the next event or tick starts from it again
      LOG.warn("campaign {}: event not applied: {}", id, e.toString());
      store.find(id).ifPresent(stored -> active.put(id, stored));
      if (e instanceof CampaignError) {
        throw e;
      }
    }
  }

  private void changed() {
    for (Runnable listener : changeListeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        // a page that is not told refreshes on the next change; the campaign goes on
        LOG.warn("campaign change listener failed: {}", e.toString());
      }
    }
  }

  /** Whether a campaign can change no more: finished, with nothing in flight. */
  private static boolean settled(CampaignState s) {
    return s.phase().isFinal()
        && s.environments().values().stream().noneMatch(p -> p.state() == EnvironmentState.DISPATCHED);
  }

  /** Who is online is not stored, so a change of that alone needs no write. */
  private static boolean changedBeyondOnline(CampaignState a, CampaignState b) {
    return a.wave() != b.wave()
        || a.phase() != b.phase()
        || !Objects.equals(a.soakUntil(), b.soakUntil())
        || !a.environments().equals(b.environments());
  }

  private String newId() {
    for (int i = 0; i < 10; i++) {
      String id = ids.get();
      if (store.find(id).isEmpty()) {
        return id;
      }
    }
    throw new IllegalStateException("no free campaign id after 10 tries");
  }

  /** Runs on the event executor and waits: create and cancel answer with the result. */
  private <T> T run(Supplier<T> work) {
    try {
      return CompletableFuture.supplyAsync(work, events).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (ownExecutor != null) {
      ownExecutor.shutdown();
      try {
        ownExecutor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

package dev.refit.server;

import dev.refit.config.ScheduleSettings;
import dev.refit.pipeline.CycleRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Time-driven cycles: the cron schedule (each run delayed by a random jitter), an optional cycle at
 * start, and a wake-up when an update that waited (minimum age, maintenance window) may go ahead.
 */
final class ScheduleTrigger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduleTrigger.class);

  private final ScheduleSettings settings;
  private final Consumer<CycleRequest> submit;
  private final Clock clock;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "refit-schedule");
            t.setDaemon(true);
            return t;
          });
  private ScheduledFuture<?> wakeUp;
  private Instant wakeUpAt;

  ScheduleTrigger(ScheduleSettings settings, Consumer<CycleRequest> submit, Clock clock) {
    this.settings = settings;
    this.submit = submit;
    this.clock = clock;
  }

  void start() {
    if (settings.checkAtStart()) {
      submit.accept(CycleRequest.everything("start"));
    }
    scheduleNext();
  }

  /** When the next scheduled cycle is due, before jitter; empty without a schedule. */
  Optional<ZonedDateTime> next() {
    if (settings.cron() == null) {
      return Optional.empty();
    }
    return settings.cron().next(ZonedDateTime.ofInstant(clock.instant(), settings.zone()));
  }

  private void scheduleNext() {
    Optional<ZonedDateTime> next = next();
    if (next.isEmpty()) {
      return;
    }
    long jitterMs =
        settings.jitter().isZero() ? 0 : ThreadLocalRandom.current().nextLong(settings.jitter().toMillis() + 1);
    long delay = Math.max(0, Duration.between(clock.instant(), next.get().toInstant()).toMillis()) + jitterMs;
    LOG.info("next scheduled check at {} (+{} ms jitter)", next.get(), jitterMs);
    timer.schedule(
        () -> {
          submit.accept(CycleRequest.everything("schedule"));
          scheduleNext();
        },
        delay,
        TimeUnit.MILLISECONDS);
  }

  /** Runs a cycle at {@code at} (or keeps an earlier wake-up already planned). */
  synchronized void wakeUpAt(Instant at) {
    if (wakeUp != null && !wakeUp.isDone() && wakeUpAt != null && !at.isBefore(wakeUpAt)) {
      return;
    }
    if (wakeUp != null) {
      wakeUp.cancel(false);
    }
    wakeUpAt = at;
    long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis()) + 1000;
    wakeUp = timer.schedule(() -> submit.accept(CycleRequest.everything("wait-over")), delay, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}

package dev.refit.notify;

import dev.refit.http.client.OriginClient;
import dev.refit.notify.NotifierSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each notification to every notifier subscribed to its event, each on its own thread: one
 * notifier failing, hanging or throwing never stops the others, and never the update that caused
 * the notification.
 */
public final class Notifiers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Notifiers.class);

  /** A notifier with what it listens to and how it words a message. */
  public record Subscription(Notifier notifier, Set<EventType> events, MessageTemplate template) {
    public Subscription {
      events = Set.copyOf(events);
    }
  }

  private final List<Subscription> subscriptions;
  private final Consumer<Delivery> listener;
  private final Duration drain;
  private final ExecutorService executor;

  /**
   * @param listener told of every delivery, e.g. for metrics; must not throw
   * @param drain how long {@link #close()} waits for deliveries under way: the longest a delivery
   *     may take
   */
  private Notifiers(List<Subscription> subscriptions, Consumer<Delivery> listener, Duration drain) {
    this.subscriptions = List.copyOf(subscriptions);
    this.listener = listener;
    this.drain = drain;
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "refit-notify");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** The notifiers the configuration describes. */
  public static Notifiers from(
      List<NotifierSettings> settings, Map<String, String> environment, Consumer<Delivery> listener) {
    if (settings.isEmpty()) {
      return none(); // no HTTP client to set up: most runs of refit update have no notifiers
    }
    // Deliveries run one at a time per notifier: one idle connection per receiver is enough.
    OriginClient http = OriginClient.create(Duration.ofSeconds(10), 1);
    List<Subscription> subscriptions = new ArrayList<>();
    Duration longest = Duration.ZERO;
    for (NotifierSettings s : settings) {
      subscriptions.add(
          new Subscription(NotifierFactory.create(s, http, environment), s.events(), s.template()));
      longest = s.timeout().compareTo(longest) > 0 ? s.timeout() : longest;
    }
    // a little more than the longest timeout: the slowest delivery ends (or is killed) first
    return new Notifiers(subscriptions, listener, longest.plusSeconds(2));
  }

  public static Notifiers none() {
    return new Notifiers(List.of(), d -> {}, Duration.ZERO);
  }

  public List<String> names() {
    return subscriptions.stream().map(s -> s.notifier().name()).toList();
  }

  /**
   * Starts delivering; returns at once. The future completes when every subscribed notifier has
   * succeeded or failed, and never completes exceptionally.
   */
  public CompletableFuture<List<Delivery>> publish(Notification notification) {
    List<CompletableFuture<Delivery>> deliveries = new ArrayList<>();
    for (Subscription s : subscriptions) {
      if (s.events().contains(notification.type())) {
        deliveries.add(CompletableFuture.supplyAsync(() -> deliver(s, notification), executor));
      }
    }
    return CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new))
        .thenApply(done -> deliveries.stream().map(CompletableFuture::join).toList());
  }

  private Delivery deliver(Subscription s, Notification notification) {
    String name = s.notifier().name();
    Delivery result;
    try {
      s.notifier().send(notification, s.template().render(notification.fields()));
      result = new Delivery(name, notification.type(), true, null);
    } catch (NotifyException e) {
      LOG.warn("{}", e.getMessage());
      result = new Delivery(name, notification.type(), false, e.getMessage());
    } catch (RuntimeException e) {
      // a bug in one notifier must not take the others down; the type is enough to find it
      LOG.warn("notifier '{}' failed unexpectedly: {}", name, e.getClass().getName());
      result = new Delivery(name, notification.type(), false, "unexpected " + e.getClass().getSimpleName());
    }
    try {
      listener.accept(result);
    } catch (RuntimeException e) {
      LOG.warn("delivery listener failed: {}", e.toString());
    }
    return result;
  }

  /**
   * Waits for the deliveries under way to end (each has its own timeout), then stops: {@code refit
   * update} exits right after its cycle, and its notifications must still go out.
   */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}

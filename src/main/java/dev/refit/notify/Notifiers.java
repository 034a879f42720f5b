package dev.refit.notify;

import dev.refit.config.NotifierSettings;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
  private final ExecutorService executor;

  /**
   * @param listener told of every delivery, e.g. for metrics; must not throw
   */
  public Notifiers(List<Subscription> subscriptions, Consumer<Delivery> listener) {
    this.subscriptions = List.copyOf(subscriptions);
    this.listener = listener;
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
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    List<Subscription> subscriptions = new ArrayList<>();
    for (NotifierSettings s : settings) {
      subscriptions.add(
          new Subscription(NotifierFactory.create(s, http, environment), s.events(), s.template()));
    }
    return new Notifiers(subscriptions, listener);
  }

  public static Notifiers none() {
    return new Notifiers(List.of(), d -> {});
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

  @Override
  public void close() {
    executor.shutdownNow();
  }
}

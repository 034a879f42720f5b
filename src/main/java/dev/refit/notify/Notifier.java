package dev.refit.notify;

/** Delivers notifications to one place. Implementations throw {@link NotifyException} on failure. */
public interface Notifier {
  /** The name the user gave it in the configuration. */
  String name();

  void send(Notification notification, String text);
}

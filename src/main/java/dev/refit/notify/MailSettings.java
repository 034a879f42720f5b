package dev.refit.notify;

import dev.refit.settings.Secrets;
import java.util.List;

/**
 * SMTP settings of an {@code email} notifier.
 *
 * @param tls {@code none}, {@code starttls} (upgrade a plain connection, required) or {@code ssl}
 *     (TLS from the first byte, usually port 465)
 * @param subject the subject line's template
 */
public record MailSettings(
    String host,
    int port,
    String username,
    String password,
    String from,
    List<String> to,
    String tls,
    MessageTemplate subject) {
  public static final List<String> TLS_MODES = List.of("none", "starttls", "ssl");

  public MailSettings {
    to = List.copyOf(to);
  }

  @Override
  public String toString() {
    return "MailSettings[host=" + host + ", port=" + port + ", username=" + username
        + ", password=" + Secrets.mask(password) + ", from=" + from + ", to=" + to + ", tls=" + tls
        + "]";
  }
}

package dev.refit.notify;

import dev.refit.notify.MailSettings;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/** SMTP mail: plain, STARTTLS (required when chosen) or TLS from the start, optional login. */
final class EmailNotifier implements Notifier {
  private final String name;
  private final MailSettings mail;
  private final Session session;

  EmailNotifier(String name, MailSettings mail, Duration timeout) {
    this.name = name;
    this.mail = mail;
    Properties p = new Properties();
    String protocol = mail.tls().equals("ssl") ? "smtps" : "smtp";
    p.put("mail.transport.protocol", protocol);
    p.put("mail." + protocol + ".host", mail.host());
    p.put("mail." + protocol + ".port", String.valueOf(mail.port()));
    p.put("mail." + protocol + ".auth", String.valueOf(mail.username() != null));
    p.put("mail." + protocol + ".connectiontimeout", String.valueOf(timeout.toMillis()));
    p.put("mail." + protocol + ".timeout", String.valueOf(timeout.toMillis()));
    p.put("mail." + protocol + ".writetimeout", String.valueOf(timeout.toMillis()));
    if (mail.tls().equals("starttls")) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    if (!mail.tls().equals("none")) {
      p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
    }
    this.session = Session.getInstance(p);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Notification notification, String text) {
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(mail.from()));
      for (String to : mail.to()) {
        message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
      }
      message.setSubject(mail.subject().render(notification.fields()), "UTF-8");
      message.setText(text, "UTF-8");
      message.setSentDate(Date.from(notification.time()));
      try (Transport transport = session.getTransport()) {
        if (mail.username() != null) {
          transport.connect(mail.host(), mail.port(), mail.username(), mail.password());
        } else {
          transport.connect();
        }
        transport.sendMessage(message, message.getAllRecipients());
      }
    } catch (MessagingException e) {
      throw new NotifyException(
          "notifier '" + name + "' could not send mail via " + mail.host() + ":" + mail.port() + ": "
              + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(@Nullable String text) {
    if (text == null) {
      return "no reason given";
    }
    int nl = text.indexOf('\n');
    return (nl < 0 ? text : text.substring(0, nl)).strip();
  }
}

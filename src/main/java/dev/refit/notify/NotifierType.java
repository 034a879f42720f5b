package dev.refit.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The kinds of notifier Refit can deliver to, one place for the word users write in the
 * configuration and for what each kind needs; the factory and the printer switch over it
 * exhaustively, so a new kind cannot be forgotten in one of them.
 */
public enum NotifierType {
  SCRIPT("script"),
  WEBHOOK("webhook"),
  SLACK("slack"),
  DISCORD("discord"),
  TEAMS("teams"),
  NTFY("ntfy"),
  GOTIFY("gotify"),
  EMAIL("email");

  private final String word;

  NotifierType(String word) {
    this.word = word;
  }

  /** The word written in the configuration, e.g. {@code ntfy}. */
  public String word() {
    return word;
  }

  /** Whether this kind posts to a URL (every kind but the script and e-mail). */
  public boolean postsToUrl() {
    return switch (this) {
      case SCRIPT, EMAIL -> false;
      case WEBHOOK, SLACK, DISCORD, TEAMS, NTFY, GOTIFY -> true;
    };
  }

  public static Optional<NotifierType> fromWord(String text) {
    String w = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.word.equals(w)).findFirst();
  }

  /** The allowed words, for error messages: {@code script, webhook, …}. */
  public static String allowed() {
    return Arrays.stream(values()).map(NotifierType::word).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return word;
  }
}

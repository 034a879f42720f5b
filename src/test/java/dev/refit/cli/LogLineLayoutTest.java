package dev.refit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** The hand-written line is the line Logback's pattern wrote before, exceptions included. */
class LogLineLayoutTest {
  private final LoggerContext context = new LoggerContext();

  private LoggingEvent event(Level level, String logger, String message, Throwable thrown, Object... args) {
    LoggingEvent e = new LoggingEvent(logger, context.getLogger(logger), level, message, thrown, args);
    e.setTimeStamp(Instant.parse("2026-11-30T17:05:09.042Z").toEpochMilli());
    return e;
  }

  private String byPattern(LoggingEvent e, ZoneId zone) {
    TimeZone before = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone(zone));
    try {
      PatternLayout pattern = new PatternLayout();
      pattern.setContext(context);
      pattern.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
      pattern.start();
      return pattern.doLayout(e);
    } finally {
      TimeZone.setDefault(before);
    }
  }

  @Test
  void aLineIsWhatThePatternWrote() {
    ZoneId zone = ZoneId.of("Europe/Berlin");
    LogLineLayout layout = new LogLineLayout(zone);
    LoggingEvent info = event(Level.INFO, "dev.refit.pipeline.UpdatePipeline", "cycle checked {} target(s)", null, 200);
    LoggingEvent warn = event(Level.WARN, "Root", "no dots", null);

    assertThat(layout.doLayout(info))
        .isEqualTo(byPattern(info, zone))
        .isEqualTo("18:05:09.042 INFO  UpdatePipeline - cycle checked 200 target(s)" + System.lineSeparator());
    assertThat(layout.doLayout(warn)).isEqualTo(byPattern(warn, zone));
  }

  @Test
  void anExceptionFollowsWithItsStackTraceAsThePatternWroteIt() {
    ZoneId zone = ZoneId.of("UTC");
    LoggingEvent error =
        event(Level.ERROR, "dev.refit.server.ApiServer", "failed", new IllegalStateException("boom", new RuntimeException("cause")));

    assertThat(new LogLineLayout(zone).doLayout(error))
        .isEqualTo(byPattern(error, zone))
        .contains("java.lang.IllegalStateException: boom")
        .contains("Caused by: java.lang.RuntimeException: cause");
  }
}

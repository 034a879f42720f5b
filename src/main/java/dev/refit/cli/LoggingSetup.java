package dev.refit.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.time.ZoneId;

/**
 * Refit's logging, set up in code: warnings and errors to stderr (stdout is the command's output),
 * {@code dev.refit} at {@code REFIT_LOG_LEVEL}. Parsing an XML configuration costs a short
 * command a noticeable part of its run; a {@code logback-test.xml} or {@code logback.xml} on the
 * class path still wins, for tests and for users who bring their own.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LoggingSetup extends ContextAwareBase
    implements ch.qos.logback.classic.spi.Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    ClassLoader loader = LoggingSetup.class.getClassLoader();
    if (loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    LogLineLayout layout = new LogLineLayout(ZoneId.systemDefault());
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    String level = System.getenv("REFIT_LOG_LEVEL");
    context.getLogger("dev.refit").setLevel(Level.toLevel(level, Level.WARN));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /**
   * A daemon ({@code serve}, {@code agent}) logs {@code dev.refit} at INFO unless {@code
   * REFIT_LOG_LEVEL} says otherwise: its log is its account of what it did (cycles, updates,
   * failed deliveries), where a short command stays quiet.
   */
  static void forDaemon(java.util.Map<String, String> environment) {
    if (environment.get("REFIT_LOG_LEVEL") == null) {
      ((Logger) org.slf4j.LoggerFactory.getLogger("dev.refit")).setLevel(Level.INFO);
    }
  }
}

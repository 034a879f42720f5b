package dev.refit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Gets, on a second thread, what nearly every command needs a moment later (Jackson's object
 * mapper, which every engine, registry and configuration answer goes through, and the logging
 * back end) while the main thread has picocli reflect over the command line. Both take tens of
 * milliseconds in a fresh JVM and need nothing from the command line; done side by side on a
 * machine with two cores, a short command such as {@code refit check} reports that much sooner.
 * The main thread that gets there first simply waits on the same class initialisation.
 */
final class Warmup {
  /** Commands that print and exit without touching JSON or the log: nothing to win there. */
  private static final Set<String> QUICK = Set.of("-h", "--help", "-V", "--version", "help");

  private Warmup() {}

  /** Starts the warm-up unless the command line only asks for help or the version. */
  static void startFor(String[] args) {
    if (args.length == 0) {
      return;
    }
    for (String arg : args) {
      if (QUICK.contains(arg)) {
        return;
      }
    }
    Thread thread = new Thread(Warmup::run, "refit-warmup");
    thread.setDaemon(true);
    thread.start();
  }

  private static void run() {
    try {
      new ObjectMapper().readTree("{\"warm\":[1,\"up\",true,null]}");
    } catch (IOException | RuntimeException e) {
      // nothing depends on the warm-up: the command meets whatever it is and says so
    }
    LoggerFactory.getLogger(Warmup.class);
  }
}

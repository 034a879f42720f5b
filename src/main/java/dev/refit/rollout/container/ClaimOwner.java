package dev.refit.rollout.container;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Which Refit process holds a claim: the machine it runs on (host name and process namespace, so
 * processes in two containers of one host are told apart) and its process id and start time (so
 * a reused pid is not mistaken for the owner).
 *
 * @param machine host name and pid namespace, e.g. {@code build-01/pid:[4026531836]}
 * @param pid the process id in that namespace
 * @param processStart when that process started, to the second
 */
record ClaimOwner(String machine, long pid, Instant processStart) {

  /** The Refit process this runs in. */
  static ClaimOwner current() {
    ProcessHandle self = ProcessHandle.current();
    return new ClaimOwner(
        localMachine(),
        self.pid(),
        self.info().startInstant().map(ClaimOwner::seconds).orElse(Instant.EPOCH));
  }

  /** For the user: {@code pid 4711 on build-01}. */
  String describe() {
    int slash = machine.indexOf('/');
    return "pid " + pid + " on " + (slash < 0 ? machine : machine.substring(0, slash));
  }

  /**
   * Whether the owner is known to be gone: it ran on this machine and no process with its pid and
   * start time runs here any more. Owners on other machines are never known to be gone (their
   * claim ends with its lease).
   */
  boolean knownGone() {
    if (!machine.equals(localMachine())) {
      return false;
    }
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return true;
    }
    return process.get().info().startInstant().map(ClaimOwner::seconds).map(s -> !s.equals(processStart))
        .orElse(false);
  }

  static Instant seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS);
  }

  private static String localMachine() {
    String host;
    try {
      host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
    } catch (IOException | RuntimeException e) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (IOException unknown) {
        host = "unknown-host";
      }
    }
    String namespace;
    try {
      namespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
    } catch (IOException | RuntimeException e) {
      namespace = "-";
    }
    return host + "/" + namespace;
  }
}

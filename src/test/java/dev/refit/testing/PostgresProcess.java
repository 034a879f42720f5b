package dev.refit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server from Debian's {@code postgresql} package (scripts/lib/testenv.sh
 * installs it): {@code initdb} into a new directory, {@code pg_ctl start} on 127.0.0.1 and a free
 * port with its socket in that directory, password logins only. {@link #createDatabase()} makes a
 * database with an owner of its own per test; {@link #close()} stops the server and deletes the
 * directory. As root the server runs as the {@code postgres} OS user: PostgreSQL refuses root.
 *
 * <pre>{@code
 * try (PostgresProcess pg = PostgresProcess.start()) {
 *   PostgresProcess.Login db = pg.createDatabase();
 *   db.url();        // postgresql://refit_1@127.0.0.1:<port>/refit_1
 *   db.password();
 * }
 * }</pre>
 */
public final class PostgresProcess implements AutoCloseable {
  private static final Path INSTALLED = Path.of("/usr/lib/postgresql");
  private static final String SUPERUSER = "postgres";

  /**
   * A database and its owner.
   *
   * @param password the owner's password, apart from the URL as Refit's configuration takes it
   */
  public record Login(String host, int port, String database, String user, String password) {
    /** libpq's form without the password: what {@code REFIT_DATABASE_URL} takes. */
    public String url() {
      return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }
  }

  private final Path bin;
  private final Path dir;
  private final int port;
  private final String superuserPassword;
  private final AtomicInteger databases = new AtomicInteger();
  private final Thread shutdownHook;

  private PostgresProcess(Path bin, Path dir, int port, String superuserPassword) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.superuserPassword = superuserPassword;
    this.shutdownHook = new Thread(() -> stop("immediate"), "stop postgres " + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * A server in a new directory under the system's temporary directory, which (unlike the
   * private directories tests make) the postgres user can reach.
   */
  public static PostgresProcess start() {
    Path parent = Path.of(System.getProperty("java.io.tmpdir"));
    Path bin = binaries();
    String password = randomHex();
    Path dir;
    try {
      dir = Files.createTempDirectory(parent, "refit-postgres-");
      Files.writeString(dir.resolve("superuser-password"), password + "\n");
      giveToServerUser(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a directory for PostgreSQL under " + parent, e);
    }
    run(dir, List.of(
        bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", SUPERUSER,
        "--pwfile=" + dir.resolve("superuser-password"), "--auth=scram-sha-256",
        "--encoding=UTF8", "--locale=C", "--no-sync"));
    IllegalStateException failure = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      int port = Ports.freeLoopbackPort();
      try {
        // fsync off: these servers are thrown away; it makes CREATE DATABASE a matter of ms
        run(dir, List.of(
            bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
            "-l", dir.resolve("server.log").toString(), "-w", "-t", "30",
            "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=" + dir
                + " -c fsync=off",
            "start"));
        return new PostgresProcess(bin, dir, port, password);
      } catch (IllegalStateException e) {
        failure = e; // most likely the port was taken meanwhile: try another
      }
    }
    deleteQuietly(dir);
    throw failure;
  }

  public int port() {
    return port;
  }

  /** A new database owned by a new login with a password of its own. */
  public Login createDatabase() {
    int n = databases.incrementAndGet();
    Login login = new Login("127.0.0.1", port, "refit_" + n, "refit_" + n, randomHex());
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER, superuserPassword);
        Statement s = c.createStatement()) {
      // names and password are generated here (letters, digits), so they need no quoting
      s.execute("CREATE ROLE " + login.user() + " LOGIN PASSWORD '" + login.password() + "'");
      s.execute("CREATE DATABASE " + login.database() + " OWNER " + login.user());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a database on PostgreSQL at port " + port, e);
    }
    return login;
  }

  /** The last lines of the server's log, for failure messages. */
  public String logTail(int lines) {
    return tail(dir.resolve("server.log"), lines);
  }

  @Override
  public void close() {
    stop("fast");
    deleteQuietly(dir);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // JVM shutting down already
    }
  }

  private void stop(String mode) {
    try {
      run(dir, List.of(
          bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", mode,
          "-w", "stop"));
    } catch (IllegalStateException e) {
      // already stopped
    }
  }

  /** The newest installed version's binaries, e.g. /usr/lib/postgresql/15/bin. */
  private static Path binaries() {
    try (Stream<Path> versions = Files.list(INSTALLED)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparingInt(b -> versionNumber(b.getParent())))
          .orElseThrow(() -> notInstalled(null));
    } catch (IOException e) {
      throw notInstalled(e);
    }
  }

  private static int versionNumber(Path versionDir) {
    String name = versionDir.getFileName().toString();
    return name.matches("\\d+") ? Integer.parseInt(name) : 0;
  }

  private static IllegalStateException notInstalled(Throwable cause) {
    return new IllegalStateException(
        "PostgreSQL is not installed under " + INSTALLED + " (apt-get install postgresql; "
            + TestEnvironment.HINT + ")", cause);
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void giveToServerUser(Path dir) throws IOException {
    if (!root()) {
      return; // the server runs as this user
    }
    UserPrincipal postgres =
        dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SUPERUSER);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.toList()) {
        Files.setOwner(p, postgres);
      }
    }
  }

  /** Runs a PostgreSQL program (as the postgres user when root) and waits for it; output to commands.log. */
  private static void run(Path dir, List<String> program) {
    List<String> command = new ArrayList<>();
    if (root()) {
      command.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
    }
    command.addAll(program);
    Path log = dir.resolve("commands.log");
    try {
      // a file, not a pipe: the server pg_ctl leaves behind must not hold our end open
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      p.getOutputStream().close();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", program) + " took more than 60s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", program) + " failed (exit " + p.exitValue() + "):\n" + tail(log, 15)
                + "\nserver log:\n" + tail(dir.resolve("server.log"), 15));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + program.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + program.get(0), e);
    }
  }

  private static String randomHex() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary directory: what is left goes with the machine's clean-up
    }
  }
}

package dev.refit.server;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.refit.fleet.agent.TrustedCertificates;
import dev.refit.http.server.HttpServer;
import dev.refit.http.server.Routes;
import dev.refit.http.server.ServerLimits;
import dev.refit.http.server.TlsHandshaker;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A renewed {@code serve.tlsCert} / {@code serve.tlsKey}: the files are replaced as certbot and
 * cert-manager do (a new file moved over the old one), and new TLS connections to Refit's own
 * HTTPS server see the new certificate's serial; a pair that does not match keeps the old one.
 */
class ServerTlsTest {
  private static final Path TLS = Path.of("src/test/resources/tls");
  private static final BigInteger SERVER_SERIAL = new BigInteger("7B6CBD2C7C043B0A2B3BB49716445873A0067D27", 16);
  private static final BigInteger OTHER_SERIAL = new BigInteger("70D1D0D135F75BA7DAF666369225DCC859A476EB", 16);

  @TempDir Path dir;
  private Path cert;
  private Path key;
  private ServerTls tls;
  private HttpServer server;
  private int port;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private SSLContext client;

  @BeforeEach
  void serve() throws Exception {
    cert = dir.resolve("fullchain.pem");
    key = dir.resolve("privkey.pem");
    Files.copy(TLS.resolve("server-chain.pem"), cert);
    Files.copy(TLS.resolve("server.key"), key);
    tls = new ServerTls(cert, key, Clock.systemUTC());
    server = new HttpServer(new Routes(), ServerLimits.defaults(), new TlsHandshaker(tls::context, Duration.ofSeconds(5)));
    port = server.start("127.0.0.1", 0);
    // the client trusts both: the test CA behind server.pem and the self-signed other.pem
    Path trusted = dir.resolve("trusted.pem");
    Files.writeString(trusted, Files.readString(TLS.resolve("ca.pem")) + Files.readString(TLS.resolve("other.pem")));
    client = TrustedCertificates.sslContext(trusted);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    timer.shutdownNow();
  }

  private BigInteger servedSerial() throws Exception {
    try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.startHandshake();
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
  }

  /** As certbot's deploy or a cert-manager volume update: written beside, then moved over. */
  private void replace(Path file, String with) throws Exception {
    Path next = file.resolveSibling(file.getFileName() + ".new");
    Files.copy(TLS.resolve(with), next);
    Files.move(next, file, ATOMIC_MOVE);
  }

  @Test
  void aRenewedPairIsServedOnNewConnectionsOnceTheFilesSettle() throws Exception {
    assertThat(servedSerial()).isEqualTo(SERVER_SERIAL);
    assertThat(tls.reloadIfChanged()).as("unchanged").isFalse();

    replace(cert, "other.pem");
    replace(key, "other.key");

    assertThat(tls.reloadIfChanged()).as("changed since the last look: wait for it to settle").isFalse();
    assertThat(servedSerial()).isEqualTo(SERVER_SERIAL);
    assertThat(tls.reloadIfChanged()).as("the same two looks in a row").isTrue();
    assertThat(servedSerial()).isEqualTo(OTHER_SERIAL);
    assertThat(tls.reloadIfChanged()).isFalse();
  }

  @Test
  void aClientThatNeverStartsItsHandshakeIsDropped() throws Exception {
    HttpServer strict =
        new HttpServer(new Routes(), ServerLimits.defaults(), new TlsHandshaker(tls::context, Duration.ofMillis(300)));
    try (java.net.Socket silent = new java.net.Socket("127.0.0.1", strict.start("127.0.0.1", 0))) {
      silent.setSoTimeout(5_000);
      long start = System.nanoTime();
      assertThat(silent.getInputStream().read()).as("closed without a byte").isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    } finally {
      strict.close();
    }
  }

  @Test
  void aPairThatDoesNotMatchKeepsTheOldCertificateUntilItIsFixed() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(ServerTls.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    try {
      replace(cert, "other.pem"); // the key stays server.key: not this certificate's

      assertThat(tls.reloadIfChanged()).isFalse();
      assertThat(tls.reloadIfChanged()).isFalse();
      assertThat(tls.reloadIfChanged()).isFalse();
    } finally {
      logger.detachAppender(log);
    }
    assertThat(log.list).as("one line, not one per look").singleElement().satisfies(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getFormattedMessage()).contains("does not belong to the first certificate in " + cert)
          .endsWith("still serving the certificate read before");
    });
    assertThat(servedSerial()).isEqualTo(SERVER_SERIAL);

    replace(key, "other.key");
    tls.reloadIfChanged();
    assertThat(tls.reloadIfChanged()).isTrue();
    assertThat(servedSerial()).isEqualTo(OTHER_SERIAL);
  }

  @Test
  void aSchedulerLooksAtTheFiles() throws Exception {
    tls.watch(timer, Duration.ofMillis(50));

    replace(cert, "other.pem");
    replace(key, "other.key");

    await().atMost(Duration.ofSeconds(10)).until(() -> servedSerial().equals(OTHER_SERIAL));
  }
}

package dev.refit.server;

import dev.refit.tls.ServerCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS key material from {@code serve.tlsCert} / {@code serve.tlsKey}, kept current: a
 * renewed pair (certbot, cert-manager and the like replace the files, often by swapping a
 * symlink) is read when the files change and used for new connections without a restart. Open
 * connections keep the certificate they were made with. A new pair that cannot be used (half
 * written, a key of another certificate) is one log line; the old one stays in service.
 */
final class ServerTls {
  private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

  /** Two file stats a minute; renewals happen weeks before expiry, so a minute is soon enough. */
  static final Duration POLL = Duration.ofMinutes(1);

  private final Path certFile;
  private final Path keyFile;
  private final Clock clock;
  private volatile SSLContext context;
  private List<Stamp> loaded;
  private @Nullable List<Stamp> pending;
  private @Nullable List<Stamp> refused;

  /**
   * Reads the pair now.
   *
   * @throws IllegalArgumentException one line naming the file and what is wrong with it
   */
  ServerTls(Path certFile, Path keyFile, Clock clock) {
    this.certFile = certFile;
    this.keyFile = keyFile;
    this.clock = clock;
    this.loaded = stamps();
    try {
      this.context = context(read());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(certFile + " and " + keyFile + " cannot serve TLS: " + e.getMessage(), e);
    }
  }

  /** What new HTTPS connections are served with now. */
  SSLContext context() {
    return context;
  }

  /** Checks the files every {@code every} on the given scheduler until it is shut down. */
  void watch(ScheduledExecutorService scheduler, Duration every) {
    try {
      scheduler.scheduleWithFixedDelay(this::reloadIfChanged, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      // the server is stopping: nothing left to watch
    }
  }

  /**
   * Reads the pair again when either file changed and has stayed the same since the previous
   * check (so a renewal that writes the certificate and then the key is read once, complete).
   *
   * @return whether new connections now get a new certificate
   */
  synchronized boolean reloadIfChanged() {
    List<Stamp> now = stamps();
    if (now.equals(loaded) || now.equals(refused)) {
      pending = null;
      return false;
    }
    if (!now.equals(pending)) {
      pending = now;
      return false;
    }
    pending = null;
    ServerCertificate renewed;
    try {
      renewed = read();
    } catch (IllegalArgumentException e) {
      refused = now;
      LOG.warn("serve.tlsCert/tlsKey changed but cannot be used ({}); still serving the certificate read before", e.getMessage());
      return false;
    }
    try {
      context = context(renewed);
    } catch (GeneralSecurityException | RuntimeException e) {
      refused = now;
      LOG.warn("serve.tlsCert/tlsKey changed but cannot serve TLS ({}); still serving the certificate read before", e.getMessage());
      return false;
    }
    loaded = now;
    refused = null;
    LOG.info("serving the renewed certificate in {} (serial {}, valid until {})",
        certFile, renewed.chain().get(0).getSerialNumber().toString(16), renewed.notAfter());
    return true;
  }

  private ServerCertificate read() {
    ServerCertificate certificate = ServerCertificate.read(certFile, keyFile);
    if (certificate.notAfter().isBefore(clock.instant())) {
      LOG.warn("the certificate in {} expired at {}: clients will refuse it", certFile, certificate.notAfter());
    }
    return certificate;
  }

  private static SSLContext context(ServerCertificate certificate) throws GeneralSecurityException {
    // a random password for a key store that only lives in this process
    char[] password = UUID.randomUUID().toString().toCharArray();
    KeyStore store = certificate.keyStore(password);
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), null, null);
    return tls;
  }

  private List<Stamp> stamps() {
    return List.of(Stamp.of(certFile), Stamp.of(keyFile));
  }

  /**
   * What tells a replaced file from the one read: its time, size and inode (a file moved into
   * place, or a symlink switched to another, may keep the time), following symlinks.
   */
  private record Stamp(@Nullable FileTime modified, long size, @Nullable Object key) {
    static Stamp of(Path file) {
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return new Stamp(a.lastModifiedTime(), a.size(), a.fileKey());
      } catch (IOException e) {
        // gone for a moment while it is replaced: a stamp of its own, read again when it is back
        return new Stamp(null, -1, null);
      }
    }
  }
}

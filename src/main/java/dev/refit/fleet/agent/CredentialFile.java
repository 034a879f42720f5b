package dev.refit.fleet.agent;

import dev.refit.fleet.protocol.Secret;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * The agent's credential in its state directory ({@value #NAME}), readable by its owner only,
 * written atomically: a crash while enrolling leaves either no file or the whole one.
 */
public final class CredentialFile {
  public static final String NAME = "fleet-agent.properties";

  private final Path file;

  public CredentialFile(Path stateDirectory) {
    this.file = stateDirectory.resolve(NAME);
  }

  public Path path() {
    return file;
  }

  public Optional<AgentIdentity> read() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try {
      p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the agent credential " + file, e);
    }
    String id = p.getProperty("agentId");
    String secret = p.getProperty("secret");
    if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
      throw new IllegalStateException(
          "the agent credential " + file + " is incomplete; delete it and enrol again with --join-token");
    }
    return Optional.of(new AgentIdentity(id.trim(), Secret.of(secret.trim())));
  }

  public void write(AgentIdentity identity) {
    String text =
        "# refit agent credential: keep it secret; delete it to enrol again\n"
            + "agentId="
            + identity.agentId()
            + "\nsecret="
            + identity.secret().reveal()
            + "\n";
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), ".fleet-agent", ".tmp");
      try {
        try {
          Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
          // a file system without POSIX permissions keeps its defaults
        }
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
          channel.force(true);
        }
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the agent credential " + file, e);
    }
  }

  /** After a revocation: the credential is worthless, and its absence lets a new token enrol. */
  public void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the agent credential " + file, e);
    }
  }
}

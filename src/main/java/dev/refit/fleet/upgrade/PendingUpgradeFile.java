package dev.refit.fleet.upgrade;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.fleet.protocol.InstantJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * {@code agent-upgrade.json} in the agent's state directory (the volume the new agent container
 * shares with the old one). Written atomically and synced before the upgrade starts: the process
 * may be killed right after.
 */
public final class PendingUpgradeFile {
  static final String NAME = "agent-upgrade.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().registerModule(InstantJson.module());

  private final Path file;

  public PendingUpgradeFile(Path stateDirectory) {
    this.file = stateDirectory.resolve(NAME);
  }

  public Optional<PendingUpgrade> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(Files.readString(file), PendingUpgrade.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public void save(PendingUpgrade pending) {
    Path temporary = file.resolveSibling(NAME + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(temporary, JSON.writeValueAsString(pending), StandardCharsets.UTF_8);
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  public void clear() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
    }
  }
}

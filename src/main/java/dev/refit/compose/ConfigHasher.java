package dev.refit.compose;

import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code com.docker.compose.config-hash} Compose would give a service's container from its
 * files. Compose recreates a container whose label differs from what it computes, so a container
 * Refit recreates after editing the files must carry the hash of the edited files.
 */
public interface ConfigHasher {

  /** The hash, or why it cannot be had. */
  sealed interface Answer {}

  record Hash(String value) implements Answer {}

  record Unknown(String reason) implements Answer {}

  /**
   * @param service the service, as its container's labels name it
   * @param edited the new content of files about to be edited (the others are read as they are)
   */
  Answer hash(ComposeService service, Map<Path, String> edited);
}

package dev.refit.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Compose service a container belongs to, as Compose labelled it (v1 and v2 write the same
 * labels): its project and service, the directory and files it was defined in, and the config hash
 * Compose compares with the file on the next {@code up}.
 *
 * @param project {@code com.docker.compose.project}
 * @param service {@code com.docker.compose.service}
 * @param workingDir {@code com.docker.compose.project.working_dir}: relative paths and the default
 *     {@code .env} are read from here
 * @param configFiles {@code com.docker.compose.project.config_files}, in order (later files override)
 * @param environmentFile {@code com.docker.compose.project.environment_file} ({@code --env-file}),
 *     or {@code null} for the project directory's {@code .env}
 * @param version {@code com.docker.compose.version}: which Compose made it ({@code 1.29.2}, {@code 2.x})
 */
public record ComposeService(
    String project,
    String service,
    Path workingDir,
    List<Path> configFiles,
    @Nullable Path environmentFile,
    String version) {
  public static final String PROJECT = "com.docker.compose.project";
  public static final String SERVICE = "com.docker.compose.service";
  public static final String WORKING_DIR = "com.docker.compose.project.working_dir";
  public static final String CONFIG_FILES = "com.docker.compose.project.config_files";
  public static final String ENVIRONMENT_FILE = "com.docker.compose.project.environment_file";
  public static final String VERSION = "com.docker.compose.version";
  public static final String CONFIG_HASH = "com.docker.compose.config-hash";

  public ComposeService {
    configFiles = List.copyOf(configFiles);
  }

  /**
   * The service of a container made by Compose from files, or empty for any other container (one
   * made by hand, or with only some Compose labels, names no file to keep true).
   */
  public static Optional<ComposeService> of(Map<String, String> labels) {
    String project = labels.get(PROJECT);
    String service = labels.get(SERVICE);
    String dir = labels.get(WORKING_DIR);
    String files = labels.get(CONFIG_FILES);
    if (project == null || service == null || dir == null || files == null
        || project.isBlank() || service.isBlank() || dir.isBlank() || files.isBlank()) {
      return Optional.empty();
    }
    Path workingDir = Path.of(dir);
    List<Path> configFiles = new ArrayList<>();
    // Compose joins the paths with commas; relative ones were relative to the project directory
    for (String file : files.split(",")) {
      if (!file.isBlank()) {
        configFiles.add(workingDir.resolve(file.strip()));
      }
    }
    String env = labels.get(ENVIRONMENT_FILE);
    return Optional.of(
        new ComposeService(
            project,
            service,
            workingDir,
            configFiles,
            blank(env) ? null : workingDir.resolve(env),
            labels.getOrDefault(VERSION, "")));
  }

  /** The dotenv file Compose interpolates {@code ${VAR}} from. */
  public Path dotenv() {
    return environmentFile != null ? environmentFile : workingDir.resolve(".env");
  }

  /** Whether Compose v1 (the Python {@code docker-compose}) made it. */
  public boolean v1() {
    return version.startsWith("1.");
  }

  private static boolean blank(@Nullable String s) {
    return s == null || s.isBlank();
  }
}

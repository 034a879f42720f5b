package dev.refit.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the {@code refit-files.yaml} that governs a file: the nearest one in its directory or
 * above, looking no higher than the root of its git repository (a directory holding {@code .git})
 * so that rules never leak in from outside the project. Each directory is looked at and each
 * config read once per run.
 */
public final class ConfigLocator {
  private final FileTexts texts;
  private final FilesConfigReader reader = new FilesConfigReader();
  private final Map<Path, Optional<Path>> nearest = new HashMap<>();
  private final Map<Path, Loaded> loaded = new HashMap<>();

  public ConfigLocator(FileTexts texts) {
    this.texts = texts;
  }

  /**
   * The config for a file, read or failed.
   *
   * @param config the rules, or {@code null} when there is no config or it has an error
   * @param path where the config is, or {@code null} when there is none
   * @param problem the config's error, or {@code null}
   */
  public record Loaded(FilesConfig config, Path path, FileParseException problem) {
    static final Loaded NONE = new Loaded(null, null, null);
  }

  public Loaded forFile(Path file) {
    Path parent = file.toAbsolutePath().normalize().getParent();
    Path shown = file.getParent() == null ? Path.of("") : file.getParent();
    Optional<Path> found = parent == null ? Optional.empty() : nearest(parent, shown);
    return found.map(path -> loaded.computeIfAbsent(path, this::load)).orElse(Loaded.NONE);
  }

  /**
   * @param directory the absolute directory to look in
   * @param shown the same directory as the user named it, for messages
   */
  private Optional<Path> nearest(Path directory, Path shown) {
    Optional<Path> cached = nearest.get(directory);
    if (cached != null) {
      return cached;
    }
    Optional<Path> result;
    if (Files.isRegularFile(directory.resolve(FilesConfig.FILE_NAME))) {
      result = Optional.of(shown.resolve(FilesConfig.FILE_NAME));
    } else if (Files.exists(directory.resolve(".git")) || directory.getParent() == null) {
      result = Optional.empty();
    } else {
      result = nearest(directory.getParent(), shown.resolve("..").normalize());
    }
    nearest.put(directory, result);
    return result;
  }

  private Loaded load(Path path) {
    try {
      return new Loaded(reader.read(texts.load(path)), path, null);
    } catch (FileParseException e) {
      return new Loaded(null, path, e);
    }
  }
}

package dev.refit.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads each file of a run once, as strict UTF-8 (a file that is not UTF-8 would not survive being
 * decoded and written back), so every parser and every edit sees the same text, and one file
 * reached by two paths is one file.
 */
public final class FileTexts implements Workspace {
  private final Map<Path, Result> byRealPath = new HashMap<>();

  private record Result(SourceFile file, String problem) {}

  /**
   * @throws FileParseException when the file cannot be read as UTF-8 text
   */
  public SourceFile load(Path path) {
    Result result = byRealPath.computeIfAbsent(key(path), k -> readFile(path));
    if (result.file() == null) {
      throw new FileParseException(0, result.problem());
    }
    return result.file();
  }

  @Override
  public Optional<SourceFile> read(Path path) {
    try {
      return Optional.of(load(path));
    } catch (FileParseException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<Path> list(Path directory) {
    List<Path> files = new ArrayList<>();
    Path dir = directory.toString().isEmpty() ? Path.of(".") : directory;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (Files.isRegularFile(entry)) {
          files.add(directory.resolve(entry.getFileName()));
        }
      }
    } catch (IOException e) {
      return List.of();
    }
    files.sort(Comparator.comparing(Path::toString));
    return files;
  }

  private static Path key(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }

  private static Result readFile(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return new Result(null, "does not exist");
    } catch (AccessDeniedException e) {
      return new Result(null, "cannot be read: permission denied");
    } catch (IOException e) {
      return new Result(null, "cannot be read: " + e.getMessage());
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return new Result(new SourceFile(path, text), null);
    } catch (CharacterCodingException e) {
      return new Result(null, "is not UTF-8 text");
    }
  }
}

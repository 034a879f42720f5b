package dev.refit.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the command's paths into the files to read: a file is taken as given (and must be of a
 * known format), a directory is walked for files of known formats, skipping version control and
 * tool caches. Symbolic links to directories are not followed, so a walk cannot loop.
 */
public final class FileScanner {
  private static final Set<String> SKIPPED_DIRECTORIES =
      Set.of(".git", ".hg", ".svn", ".terraform", "node_modules");

  private final List<FileFormat> formats;

  public FileScanner(List<FileFormat> formats) {
    this.formats = List.copyOf(formats);
  }

  /** What the paths name: files to read, and paths that cannot be used. */
  public record Scan(List<ScannedFile> files, List<Problem> problems) {}

  /** A path given on the command line that names nothing Refit can read. */
  public record Problem(Path path, String reason) {}

  public Scan scan(List<Path> paths) {
    List<ScannedFile> files = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        walk(path, files, seen, problems);
      } else if (Files.isRegularFile(path)) {
        if (path.getFileName().toString().equals(FilesConfig.FILE_NAME)) {
          continue; // rules, read for the files next to it; a shell glob may well include it
        }
        Optional<FileFormat> format = formatOf(path);
        if (format.isEmpty()) {
          problems.add(
              new Problem(
                  path,
                  "not a file Refit reads (dotenv, Compose or Kubernetes YAML, Dockerfile,"
                      + " Terraform)"));
        } else if (seen.add(realPath(path))) {
          files.add(new ScannedFile(path, format.get()));
        }
      } else {
        problems.add(
            new Problem(
                path,
                Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                    ? "is not a regular file"
                    : "does not exist"));
      }
    }
    return new Scan(files, problems);
  }

  private void walk(Path root, List<ScannedFile> files, Set<Path> seen, List<Problem> problems) {
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return !dir.equals(root) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && formatOf(file).isPresent()) {
                found.add(file);
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              problems.add(new Problem(file, "cannot be read: " + e.getMessage()));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      problems.add(new Problem(root, "cannot be read: " + e.getMessage()));
    }
    found.sort(Comparator.comparing(Path::toString));
    for (Path file : found) {
      if (seen.add(realPath(file))) {
        files.add(new ScannedFile(file, formatOf(file).orElseThrow()));
      }
    }
  }

  private Optional<FileFormat> formatOf(Path file) {
    if (file.getFileName().toString().equals(FilesConfig.FILE_NAME)) {
      return Optional.empty();
    }
    return formats.stream().filter(f -> f.accepts(file)).findFirst();
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }
}

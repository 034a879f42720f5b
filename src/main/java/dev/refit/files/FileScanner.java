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
 * tool caches. Symbolic links are followed when they lead inside the given paths (each directory
 * once, so a walk cannot loop) and reported as skipped when they lead outside.
 */
public final class FileScanner {
  private static final Set<String> SKIPPED_DIRECTORIES =
      Set.of(".git", ".hg", ".svn", ".terraform", "node_modules");

  private final List<FileFormat> formats;

  public FileScanner(List<FileFormat> formats) {
    this.formats = List.copyOf(formats);
  }

  /**
   * What the paths name: files to read, paths that cannot be used, links not followed, and the
   * places Refit may write to (see {@link #mayWrite}).
   */
  public record Scan(
      List<ScannedFile> files, List<Problem> problems, List<Problem> skipped, List<Path> roots) {
    /**
     * Whether {@code file} lies within what the command was given: under a given directory, or a
     * given file or a file beside it (a Terraform variables file), all after following links.
     */
    public boolean mayWrite(Path file) {
      Path real = realPath(file);
      return roots.stream().anyMatch(real::startsWith);
    }
  }

  /** A path given on the command line that names nothing Refit can read. */
  public record Problem(Path path, String reason) {}

  public Scan scan(List<Path> paths) {
    List<ScannedFile> files = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    List<Problem> skipped = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    List<Path> roots = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        roots.add(realPath(path));
      } else if (Files.isRegularFile(path)) {
        Path real = realPath(path);
        roots.add(real.getParent() == null ? real : real.getParent());
      }
    }
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        new Walk(roots, files, seen, problems, skipped).walk(path);
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
    return new Scan(files, problems, skipped, roots);
  }

  /**
   * One directory walk. Symbolic links are followed when they lead to a place inside the given
   * paths (each real directory walked once, so a link cannot make a loop) and skipped with a
   * line when they lead outside: a walk never reaches, and so never writes, anything else.
   */
  private final class Walk {
    private final List<Path> roots;
    private final List<ScannedFile> files;
    private final Set<Path> seen;
    private final List<Problem> problems;
    private final List<Problem> skipped;
    private final Set<Path> walkedDirectories = new HashSet<>();

    Walk(List<Path> roots, List<ScannedFile> files, Set<Path> seen, List<Problem> problems, List<Problem> skipped) {
      this.roots = roots;
      this.files = files;
      this.seen = seen;
      this.problems = problems;
      this.skipped = skipped;
    }

    void walk(Path root) {
      if (!walkedDirectories.add(realPath(root))) {
        return;
      }
      List<Path> found = new ArrayList<>();
      List<Path> linkedDirectories = new ArrayList<>();
      try {
        Files.walkFileTree(
            root,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())) {
                  return FileVisitResult.SKIP_SUBTREE;
                }
                return dir.equals(root) || walkedDirectories.add(realPath(dir))
                    ? FileVisitResult.CONTINUE
                    : FileVisitResult.SKIP_SUBTREE;
              }

              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isSymbolicLink()) {
                  link(file, found, linkedDirectories);
                } else if (attrs.isRegularFile() && formatOf(file).isPresent()) {
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
      linkedDirectories.forEach(this::walk);
    }

    private void link(Path link, List<Path> found, List<Path> linkedDirectories) {
      boolean directory = Files.isDirectory(link);
      if (!directory && formatOf(link).isEmpty()) {
        return;
      }
      Path target;
      try {
        target = link.toRealPath();
      } catch (IOException e) {
        if (formatOf(link).isPresent()) {
          skipped.add(new Problem(link, "is a symbolic link to nothing (" + e.getMessage() + "): not followed"));
        }
        return;
      }
      if (roots.stream().noneMatch(target::startsWith)) {
        skipped.add(
            new Problem(
                link,
                "is a symbolic link to " + target + ", outside the paths given: not followed"
                    + " (name that path to include it)"));
      } else if (directory) {
        linkedDirectories.add(link);
      } else if (Files.isRegularFile(link)) {
        found.add(link);
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

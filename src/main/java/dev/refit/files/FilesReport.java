package dev.refit.files;

import java.util.List;

/**
 * Everything {@code refit files} found and did.
 *
 * @param entries one per image found, and one per file that could not be read, in file order
 * @param changes one per file with updates
 * @param commits the commits made for {@code --commit}
 * @param commitError why {@code --commit} failed, or {@code null}
 * @param options what was asked for
 */
public record FilesReport(
    List<FileEntry> entries,
    List<FileChange> changes,
    List<GitCommitter.Commit> commits,
    String commitError,
    FilesOptions options) {
  public static final int EXIT_CURRENT = 0;
  public static final int EXIT_UPDATES = 1;
  public static final int EXIT_ERRORS = 2;

  public FilesReport {
    entries = List.copyOf(entries);
    changes = List.copyOf(changes);
    commits = List.copyOf(commits);
  }

  /**
   * 2 when anything failed, even if the rest was written: never a silent partial success; 1 when
   * updates exist and were not written; 0 when everything is current or was updated.
   */
  public int exitCode() {
    if (count(EntryStatus.ERROR) > 0
        || commitError != null
        || changes.stream().anyMatch(c -> c.outcome() == FileChange.Outcome.FAILED)) {
      return EXIT_ERRORS;
    }
    if (!options.write() && count(EntryStatus.UPDATE_AVAILABLE) > 0) {
      return EXIT_UPDATES;
    }
    return EXIT_CURRENT;
  }

  public int count(EntryStatus status) {
    return (int) entries.stream().filter(e -> e.status() == status).count();
  }
}

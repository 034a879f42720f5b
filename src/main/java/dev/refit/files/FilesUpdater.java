package dev.refit.files;

import dev.refit.check.CheckProgress;
import dev.refit.image.ImageReference;
import dev.refit.image.InvalidReferenceException;
import dev.refit.version.InvalidPolicyException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code refit files} from paths to report: finds the pinned images, asks the registry about each
 * once, plans the smallest edits, and (with {@code --write}) writes each changed file atomically
 * and optionally commits them. One file's problem never stops the others, and a file in which an
 * image had an error is not written unless forced.
 */
public final class FilesUpdater {
  private final List<FileFormat> formats;
  private final PolicyChoice policies;
  private final ImageChecker checker;
  private final TextFileWriter writer;
  private final GitCommitter git;

  public FilesUpdater(
      List<FileFormat> formats,
      PolicyChoice policies,
      ImageChecker checker,
      TextFileWriter writer,
      GitCommitter git) {
    this.formats = List.copyOf(formats);
    this.policies = policies;
    this.checker = checker;
    this.writer = writer;
    this.git = git;
  }

  public FilesReport run(List<Path> paths, FilesOptions options, CheckProgress progress) {
    FileTexts texts = new FileTexts();
    ConfigLocator configs = new ConfigLocator(texts);
    FileScanner.Scan scan = new FileScanner(formats).scan(paths);
    List<Pending> pending = new ArrayList<>();
    scan.problems().forEach(p -> pending.add(new Pending(FileEntry.fileProblem(p.path(), 0, p.reason()))));
    scan.skipped().forEach(p -> pending.add(new Pending(FileEntry.fileSkipped(p.path(), 0, p.reason()))));
    Set<Path> reportedConfigs = new HashSet<>();
    for (ScannedFile scanned : scan.files()) {
      find(scanned, texts, configs, reportedConfigs, pending);
    }

    Set<ImageQuestion> questions = new LinkedHashSet<>();
    pending.stream().map(p -> p.question).filter(Objects::nonNull).forEach(questions::add);
    Map<ImageQuestion, ImageAnswer> answers = checker.check(questions, progress);
    for (Pending p : pending) {
      if (p.question != null) {
        settle(p, answers.get(p.question));
      }
    }
    agreeOnSharedVersions(pending, progress);
    refuseConflicts(pending);

    List<FileChange> changes = new ArrayList<>();
    Map<SourceFile, List<Pending>> writtenBy = new LinkedHashMap<>();
    apply(pending, options, scan, changes, writtenBy);

    List<GitCommitter.Commit> commits = List.of();
    String commitError = null;
    if (options.commit() && options.write() && !writtenBy.isEmpty()) {
      try {
        commits = git.commit(commitChanges(writtenBy));
      } catch (IOException e) {
        commitError = e.getMessage();
      }
    }
    return new FilesReport(
        pending.stream().map(p -> p.entry).toList(), changes, commits, commitError, options);
  }

  /** One report line in the making, and what it would change. */
  private static final class Pending {
    FileEntry entry;
    ImageSite site;
    ImageQuestion question;
    List<Edit> edits = List.of();

    Pending(FileEntry entry) {
      this.entry = entry;
    }
  }

  private void find(
      ScannedFile scanned,
      FileTexts texts,
      ConfigLocator configs,
      Set<Path> reportedConfigs,
      List<Pending> pending) {
    SourceFile file;
    List<ImageSite> sites;
    try {
      file = texts.load(scanned.path());
      sites = scanned.format().find(file, texts);
    } catch (FileParseException e) {
      pending.add(
          new Pending(
              e.notThisFormat()
                  ? FileEntry.fileSkipped(scanned.path(), e.line(), e.reason())
                  : FileEntry.fileProblem(scanned.path(), e.line(), e.reason())));
      return;
    }
    if (sites.isEmpty()) {
      return;
    }
    ConfigLocator.Loaded loaded = configs.forFile(scanned.path());
    if (loaded.problem() != null) {
      if (reportedConfigs.add(loaded.path())) {
        pending.add(
            new Pending(
                FileEntry.fileProblem(loaded.path(), loaded.problem().line(), loaded.problem().reason())));
      }
      pending.add(
          new Pending(
              FileEntry.fileProblem(
                  scanned.path(), 0, "not checked: its rules in " + loaded.path() + " cannot be read")));
      return;
    }
    for (ImageSite site : sites) {
      Pending p = new Pending(null);
      p.site = site;
      prepare(p, scanned, loaded.config());
      pending.add(p);
    }
  }

  private void prepare(Pending p, ScannedFile scanned, FilesConfig config) {
    ImageSite site = p.site;
    String written = site.reference().text();
    Path path = scanned.path();
    ImageReference image;
    try {
      image = ImageReference.parse(written);
    } catch (InvalidReferenceException e) {
      p.entry =
          entry(path, site, null, null, site.skipped() != null ? EntryStatus.SKIPPED : EntryStatus.ERROR,
              site.skipped() != null ? site.skipped() : e.getMessage());
      return;
    }
    if (site.skipped() != null) {
      p.entry = entry(path, site, image, null, EntryStatus.SKIPPED, site.skipped());
      return;
    }
    if (!image.hasTag()) {
      p.entry =
          entry(path, site, image, null, EntryStatus.SKIPPED, "pinned to a digest without a tag: no version to follow");
      return;
    }
    PolicyChoice.Choice choice;
    try {
      choice = policies.choose(image, site.marker(), config);
    } catch (InvalidPolicyException e) {
      p.entry = entry(path, site, image, null, EntryStatus.ERROR, e.getMessage());
      return;
    }
    if (choice instanceof PolicyChoice.Ignore ignore) {
      p.entry = entry(path, site, image, null, EntryStatus.SKIPPED, "ignored by " + ignore.reason());
      return;
    }
    PolicyChoice.Check check = (PolicyChoice.Check) choice;
    p.question = new ImageQuestion(image, check.policy(), check.filter());
    p.entry = entry(path, site, image, check.policy().toString(), EntryStatus.UP_TO_DATE, null);
  }

  private static FileEntry entry(
      Path path, ImageSite site, ImageReference image, String policy, EntryStatus status, String reason) {
    return new FileEntry(
        path, site.line(), site.format(), site.reference().text(), image, policy, status, null, null, reason);
  }

  private static void settle(Pending p, ImageAnswer answer) {
    FileEntry e = p.entry;
    if (answer instanceof ImageAnswer.Failed failed) {
      p.entry = e.failed(failed.reason());
    } else if (answer instanceof ImageAnswer.Update update) {
      List<Edit> edits = new ArrayList<>();
      Optional<String> problem = VersionEdits.plan(p.site.reference(), update.tag(), update.digest(), edits);
      if (problem.isPresent()) {
        p.entry = e.failed(problem.get());
        return;
      }
      p.edits = List.copyOf(edits);
      p.entry =
          new FileEntry(
              e.file(), e.line(), e.format(), e.written(), e.image(), e.policy(),
              EntryStatus.UPDATE_AVAILABLE, update.tag(), update.digest(), null);
    }
  }

  /**
   * A version written once for several images (a Dockerfile {@code ARG} used by several {@code
   * FROM}s) moves only to a version every one of those images has. That can only be the lowest of
   * their proposals (a higher one is beyond the newest the proposing image's policy allows), and
   * only when the others have it too; otherwise none of them moves, and each says why.
   */
  private void agreeOnSharedVersions(List<Pending> pending, CheckProgress progress) {
    Map<Span, List<Pending>> bySpan = new LinkedHashMap<>();
    for (Pending p : pending) {
      for (Edit edit : p.edits) {
        List<Pending> list = bySpan.computeIfAbsent(edit.span(), s -> new ArrayList<>());
        if (!list.contains(p)) {
          list.add(p);
        }
      }
    }
    for (Map.Entry<Span, List<Pending>> group : bySpan.entrySet()) {
      Span span = group.getKey();
      List<Pending> sharing = group.getValue().stream().filter(p -> !p.edits.isEmpty()).toList();
      Set<String> proposals = new java.util.TreeSet<>(SharedVersion.ORDER);
      sharing.stream()
          .map(p -> SharedVersion.replacementAt(p.edits, span))
          .filter(Objects::nonNull)
          .forEach(proposals::add);
      if (sharing.size() < 2 || proposals.size() < 2) {
        continue;
      }
      String lowest = proposals.iterator().next();
      Map<Pending, ImageReference> moved = new LinkedHashMap<>();
      for (Pending p : sharing) {
        try {
          List<Edit> agreed =
              p.edits.stream().map(e -> e.span().equals(span) ? new Edit(span, lowest) : e).toList();
          moved.put(p, ImageReference.parse(SharedVersion.textWith(p.site.reference(), agreed)));
        } catch (InvalidReferenceException e) {
          moved.clear();
          break;
        }
      }
      List<ImageReference> toAsk =
          sharing.stream()
              .filter(p -> moved.containsKey(p) && !lowest.equals(SharedVersion.replacementAt(p.edits, span)))
              .map(moved::get)
              .distinct()
              .toList();
      Set<ImageReference> existing = moved.isEmpty() ? Set.of() : checker.existing(toAsk, progress);
      boolean everyOneHasIt = !moved.isEmpty() && existing.containsAll(toAsk);
      Map<Pending, FileEntry> held = new LinkedHashMap<>();
      sharing.forEach(p -> held.put(p, heldBack(p, span, sharing, lowest)));
      for (Pending p : sharing) {
        if (everyOneHasIt) {
          p.edits = p.edits.stream().map(e -> e.span().equals(span) ? new Edit(span, lowest) : e).toList();
          FileEntry e = p.entry;
          p.entry =
              new FileEntry(
                  e.file(), e.line(), e.format(), e.written(), e.image(), e.policy(),
                  EntryStatus.UPDATE_AVAILABLE, moved.get(p).tag(), e.newDigest(), null);
        } else {
          p.entry = held.get(p);
          p.edits = List.of();
        }
      }
    }
  }

  private static FileEntry heldBack(Pending p, Span span, List<Pending> sharing, String lowest) {
    List<String> others =
        sharing.stream()
            .filter(o -> o != p)
            .map(o -> "line " + o.entry.line() + " (" + o.entry.written() + " -> "
                + SharedVersion.replacementAt(o.edits, span) + ")")
            .toList();
    FileEntry e = p.entry;
    return new FileEntry(
        e.file(), e.line(), e.format(), e.written(), e.image(), e.policy(), EntryStatus.SKIPPED, null, null,
        "held back: line " + span.line() + " also sets the version of " + String.join(", ", others)
            + "; this image would move to " + SharedVersion.replacementAt(p.edits, span)
            + ", and " + lowest + " is not a version every one of them has");
  }

  /** Two entries that would write different text into the same characters both become errors. */
  private static void refuseConflicts(List<Pending> pending) {
    List<Pending> updating = pending.stream().filter(p -> !p.edits.isEmpty()).toList();
    Set<Pending> conflicting = new LinkedHashSet<>();
    Map<Pending, Pending> with = new LinkedHashMap<>();
    for (int i = 0; i < updating.size(); i++) {
      for (int j = i + 1; j < updating.size(); j++) {
        Pending a = updating.get(i);
        Pending b = updating.get(j);
        if (conflict(a.edits, b.edits)) {
          conflicting.add(a);
          conflicting.add(b);
          with.putIfAbsent(a, b);
          with.putIfAbsent(b, a);
        }
      }
    }
    for (Pending p : conflicting) {
      Pending other = with.get(p);
      p.entry =
          p.entry.failed(
              "conflicts with the update at " + other.entry.file() + ":" + other.entry.line()
                  + ": the same text would be changed two ways");
      p.edits = List.of();
    }
  }

  private static boolean conflict(List<Edit> a, List<Edit> b) {
    for (Edit x : a) {
      for (Edit y : b) {
        if (x.overlaps(y) && !x.equals(y)) {
          return true;
        }
      }
    }
    return false;
  }

  private void apply(
      List<Pending> pending,
      FilesOptions options,
      FileScanner.Scan scan,
      List<FileChange> changes,
      Map<SourceFile, List<Pending>> writtenBy) {
    Map<SourceFile, Set<Edit>> editsByFile = new LinkedHashMap<>();
    Map<SourceFile, List<Pending>> entriesByFile = new LinkedHashMap<>();
    Set<Path> filesWithErrors = new HashSet<>();
    for (Pending p : pending) {
      if (p.entry.status() == EntryStatus.ERROR) {
        filesWithErrors.add(key(p.site != null ? p.site.file().path() : p.entry.file()));
      }
      for (Edit edit : p.edits) {
        editsByFile.computeIfAbsent(edit.span().file(), f -> new LinkedHashSet<>()).add(edit);
        List<Pending> list = entriesByFile.computeIfAbsent(edit.span().file(), f -> new ArrayList<>());
        if (!list.contains(p)) {
          list.add(p);
        }
      }
    }
    for (Map.Entry<SourceFile, Set<Edit>> byFile : editsByFile.entrySet()) {
      SourceFile file = byFile.getKey();
      String after = TextEdits.apply(file, List.copyOf(byFile.getValue()));
      String diff = UnifiedDiff.of(file.path().toString(), file.text(), after);
      boolean heldBack = filesWithErrors.contains(key(file.path())) && !options.force();
      FileChange change;
      if (!scan.mayWrite(file.path())) {
        change =
            new FileChange(
                file.path(), diff, FileChange.Outcome.FAILED,
                "outside the paths given (through a symbolic link); not written");
      } else if (heldBack) {
        change =
            new FileChange(
                file.path(), diff, FileChange.Outcome.HELD_BACK,
                "an image in it has an error; --force writes its other updates");
      } else if (!options.write()) {
        change = new FileChange(file.path(), diff, FileChange.Outcome.PENDING, null);
      } else {
        try {
          writer.write(file.path(), file.text(), after);
          change = new FileChange(file.path(), diff, FileChange.Outcome.WRITTEN, null);
          writtenBy.put(file, entriesByFile.get(file));
        } catch (IOException e) {
          change = new FileChange(file.path(), diff, FileChange.Outcome.FAILED, "cannot write: " + e.getMessage());
        }
      }
      changes.add(change);
    }
  }

  private static List<GitCommitter.Change> commitChanges(Map<SourceFile, List<Pending>> writtenBy) {
    List<GitCommitter.Change> changes = new ArrayList<>();
    writtenBy.forEach(
        (file, entries) ->
            changes.add(
                new GitCommitter.Change(
                    file.path(),
                    entries.stream().map(p -> bump(p, file)).toList())));
    return changes;
  }

  /** One line of a commit message, naming the line of {@code file} the entry changed. */
  private static GitCommitter.Bump bump(Pending p, SourceFile file) {
    FileEntry e = p.entry;
    int line =
        p.edits.stream()
            .filter(edit -> edit.span().file() == file)
            .findFirst()
            .map(edit -> edit.span().line())
            .orElse(e.line());
    return new GitCommitter.Bump(e.image().name(), version(e.image()), version(e.updated()), line);
  }

  /** The version part of a reference, as a commit message shows it. */
  static String version(ImageReference image) {
    String tag = image.tag() == null ? "" : image.tag();
    return image.hasDigest() ? tag + "@" + image.digest().algorithm() + ":" + image.digest().shortForm() : tag;
  }

  private static Path key(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path.toAbsolutePath().normalize();
    }
  }
}

package dev.refit.compose;

import dev.refit.files.Edit;
import dev.refit.files.FileTexts;
import dev.refit.files.SourceFile;
import dev.refit.files.TextEdits;
import dev.refit.files.VersionEdits;
import dev.refit.files.WrittenReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Plans how a Compose service's files follow its container to a new image: the smallest edit
 * where the version is pinned (the {@code image:} value, the {@code .env} value or the {@code
 * ${VAR:-default}} it interpolates), and the config hash Compose will compute from the edited
 * files, so that the next {@code docker compose up} finds nothing to recreate and nothing to
 * downgrade. Changes nothing itself.
 */
public final class ComposeSync {
  private final ConfigHasher hasher;

  public ComposeSync(ConfigHasher hasher) {
    this.hasher = hasher;
  }

  /**
   * @param labels the container's labels
   * @param fromReference the image reference the container was created with
   * @param toReference the reference its successor gets
   * @param withHash whether to compute the new config hash (the new image must be pulled)
   */
  public ComposeChange plan(
      Map<String, String> labels, String fromReference, String toReference, boolean withHash) {
    Optional<ComposeService> found = ComposeService.of(labels);
    if (found.isEmpty()) {
      return ComposeChange.NONE;
    }
    ComposeService service = found.get();
    FileTexts texts = new FileTexts();
    ComposePins.Found pin = ComposePins.find(service, texts);
    String revert = "`docker compose up` in " + service.workingDir() + " would put " + fromReference + " back";
    if (pin instanceof ComposePins.Unreadable u) {
      return notes(
          "compose file " + u.file() + " " + u.reason() + " here, so it still names " + fromReference
              + ": " + revert + "; run Refit on the host, or mount " + service.workingDir()
              + " at the same path (-v " + service.workingDir() + ":" + service.workingDir() + ")");
    }
    if (pin instanceof ComposePins.NotPinned n) {
      return notes("compose: " + n.reason() + "; " + revert + " unless it names " + toReference);
    }
    WrittenReference reference = ((ComposePins.Pinned) pin).reference();
    String written = reference.text();
    List<FileEdit> edits = new ArrayList<>();
    Map<Path, String> edited = new HashMap<>();
    List<String> notes = new ArrayList<>();
    String writes = null;
    if (!written.equals(toReference)) {
      if (!written.equals(fromReference)) {
        return notes("compose: its files name " + written + ", not " + fromReference
            + " that it ran: left as they are (`docker compose up` would switch it to " + written + ")");
      }
      List<Edit> changes = new ArrayList<>();
      Optional<String> problem = VersionEdits.plan(reference, tagOf(toReference), null, changes);
      if (problem.isPresent()) {
        return notes("compose: " + problem.get() + "; " + revert);
      }
      for (Map.Entry<SourceFile, List<Edit>> e : byFile(changes).entrySet()) {
        SourceFile file = e.getKey();
        List<FileEdit.Replacement> replacements = new ArrayList<>();
        for (Edit edit : e.getValue()) {
          replacements.add(new FileEdit.Replacement(edit.span().start(), edit.span().text(), edit.replacement()));
        }
        edits.add(FileEdit.of(file.path().toString(), file.text(), replacements));
        edited.put(file.path(), TextEdits.apply(file, e.getValue()));
      }
      writes = "compose: writes " + toReference + " into " + where(changes);
    }
    Map<String, String> newLabels = new LinkedHashMap<>();
    if (withHash) {
      ConfigHasher.Answer answer = hasher.hash(service, edited);
      if (answer instanceof ConfigHasher.Hash h) {
        newLabels.put(ComposeService.CONFIG_HASH, h.value());
      } else {
        notes.add("compose: " + ((ConfigHasher.Unknown) answer).reason()
            + ": `docker compose up` will recreate it once (on " + toReference + ")");
      }
    }
    return new ComposeChange(newLabels, edits, writes, notes);
  }

  private static ComposeChange notes(String note) {
    return new ComposeChange(Map.of(), List.of(), null, List.of(note));
  }

  private static Map<SourceFile, List<Edit>> byFile(List<Edit> edits) {
    Map<SourceFile, List<Edit>> byFile = new LinkedHashMap<>();
    for (Edit edit : edits) {
      byFile.computeIfAbsent(edit.span().file(), f -> new ArrayList<>()).add(edit);
    }
    byFile.values().forEach(list -> list.sort(Comparator.comparingInt(e -> e.span().start())));
    return byFile;
  }

  /** {@code docker-compose.yml:5}, {@code .env:2}: where the edits land. */
  private static String where(List<Edit> edits) {
    TreeSet<String> places = new TreeSet<>();
    edits.forEach(e -> places.add(e.span().file().path() + ":" + e.span().line()));
    return String.join(", ", places);
  }

  /** The tag of a reference in the user's form ({@code name:tag}, maybe {@code @digest}). */
  static String tagOf(String reference) {
    int at = reference.indexOf('@');
    String text = at < 0 ? reference : reference.substring(0, at);
    int slash = text.lastIndexOf('/');
    int colon = text.lastIndexOf(':');
    return colon > slash ? text.substring(colon + 1) : "latest";
  }
}

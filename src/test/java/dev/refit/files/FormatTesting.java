package dev.refit.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.refit.image.Digest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Helpers for the format tests: find images in a text, and edit one the way {@code --write} does. */
public final class FormatTesting {
  public static final Digest NEW_DIGEST =
      Digest.parse("sha256:" + "b".repeat(64));

  private FormatTesting() {}

  /** A workspace with no other files. */
  public static Workspace noOtherFiles() {
    return new Workspace() {
      @Override
      public Optional<SourceFile> read(Path path) {
        return Optional.empty();
      }

      @Override
      public List<Path> list(Path directory) {
        return List.of();
      }
    };
  }

  public static List<ImageSite> find(FileFormat format, String name, String text) {
    return format.find(new SourceFile(Path.of(name), text), noOtherFiles());
  }

  /** The file's text after the site's tag became {@code tag} (and its digest {@code digest}). */
  public static String edited(ImageSite site, String tag, Digest digest) {
    List<Edit> edits = new ArrayList<>();
    Optional<String> problem = VersionEdits.plan(site.reference(), tag, digest, edits);
    assertThat(problem).as("edit of %s", site.reference().text()).isEmpty();
    assertThat(edits).allMatch(e -> e.span().file() == site.file());
    return TextEdits.apply(site.file(), edits);
  }

  public static String edited(ImageSite site, String tag) {
    return edited(site, tag, null);
  }

  /** Why the site's tag cannot be edited, if it cannot. */
  public static Optional<String> editProblem(ImageSite site, String tag) {
    return VersionEdits.plan(site.reference(), tag, null, new ArrayList<>());
  }

  /** {@code line: reference [marker]} for compact assertions. */
  public static String describe(ImageSite site) {
    return site.line() + ": " + site.reference().text() + (site.marker() == null ? "" : " [" + site.marker() + "]");
  }

  public static List<String> describeAll(List<ImageSite> sites) {
    return sites.stream().map(FormatTesting::describe).toList();
  }
}

package dev.refit.files.dotenv;

import dev.refit.files.FileFormat;
import dev.refit.files.FileParseException;
import dev.refit.files.ImageSite;
import dev.refit.files.Markers;
import dev.refit.files.Piece;
import dev.refit.files.SourceFile;
import dev.refit.files.Workspace;
import dev.refit.files.WrittenReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Images in dotenv files: a whole reference in {@code IMAGE} or {@code <X>_IMAGE}, or one split
 * over {@code IMAGE_<X>_REGISTRY} (optional), {@code IMAGE_<X>_NAME} and {@code IMAGE_<X>_VERSION},
 * as compose files that write {@code ${IMAGE_X_REGISTRY}/${IMAGE_X_NAME}:${IMAGE_X_VERSION}} use.
 */
public final class DotenvFormat implements FileFormat {
  public static final String NAME = "dotenv";
  private static final Pattern GROUP_KEY =
      Pattern.compile("IMAGE_(.+)_(REGISTRY|NAME|VERSION)", Pattern.CASE_INSENSITIVE);

  @Override
  public String name() {
    return NAME;
  }

  /** {@code .env}, {@code .env.production}, {@code prod.env}. */
  @Override
  public boolean accepts(Path file) {
    String name = file.getFileName().toString();
    return name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env");
  }

  @Override
  public List<ImageSite> find(SourceFile file, Workspace workspace) {
    List<DotenvEntry> entries;
    try {
      entries = new DotenvReader(file).entries();
    } catch (FileParseException e) {
      if (nameOnlySuggestsDotenv(file.path())) {
        // the reason leaves the line out: a script or JSON file may hold anything, secrets too
        throw new FileParseException(
            e.line(), "not a dotenv file (this line is not KEY=value), so not read", true);
      }
      throw e;
    }
    List<ImageSite> sites = new ArrayList<>();
    Map<String, Group> groups = new LinkedHashMap<>();
    for (DotenvEntry entry : entries) {
      String key = entry.key().toUpperCase(Locale.ROOT);
      Matcher group = GROUP_KEY.matcher(entry.key());
      if (group.matches()) {
        Group g = groups.computeIfAbsent(group.group(1).toUpperCase(Locale.ROOT), x -> new Group());
        // A later assignment wins, as it does when the shell or Compose reads the file.
        switch (group.group(2).toUpperCase(Locale.ROOT)) {
          case "REGISTRY" -> g.registry = entry;
          case "NAME" -> g.name = entry;
          default -> g.version = entry;
        }
      } else if ((key.equals("IMAGE") || key.endsWith("_IMAGE"))
          && !entry.value().isBlank()
          && !entry.templated()) {
        sites.add(
            new ImageSite(
                file,
                entry.line(),
                NAME,
                WrittenReference.of(entry.piece(file)),
                Markers.find(file, entry.end())));
      }
    }
    groups.forEach((x, g) -> group(file, x, g).ifPresent(sites::add));
    sites.sort(Comparator.comparingInt(ImageSite::line));
    return sites;
  }

  /**
   * Each key's value as Compose reads the file (a later assignment wins), where it is written
   * verbatim; a value built from other variables or escaped is not editable in place.
   *
   * @throws FileParseException when the file is not a dotenv file
   */
  public static Map<String, Piece> values(SourceFile file) {
    Map<String, Piece> values = new LinkedHashMap<>();
    for (DotenvEntry entry : new DotenvReader(file).entries()) {
      values.put(
          entry.key(), entry.templated() ? Piece.synthetic(entry.value()) : entry.piece(file));
    }
    return values;
  }

  /**
   * {@code .env.*} names are also used for files of other kinds ({@code .env.example.js}, {@code
   * .env.d.ts}, templates of other tools): such a file is skipped, while {@code .env} and {@code
   * *.env} must be dotenv.
   */
  private static boolean nameOnlySuggestsDotenv(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(".env.") && !name.endsWith(".env");
  }

  private static Optional<ImageSite> group(SourceFile file, String x, Group g) {
    if (Stream.of(g.registry, g.name, g.version)
        .filter(Objects::nonNull)
        .anyMatch(DotenvEntry::templated)) {
      return Optional.empty();
    }
    if (g.name == null || g.name.value().isBlank()) {
      DotenvEntry some = g.version != null ? g.version : g.registry;
      throw new FileParseException(
          some.line(), some.key() + " has no IMAGE_" + x + "_NAME to go with it");
    }
    List<Piece> pieces = new ArrayList<>();
    if (g.registry != null && !g.registry.value().isEmpty()) {
      pieces.add(g.registry.piece(file));
      if (!g.registry.value().endsWith("/")) {
        pieces.add(Piece.synthetic("/"));
      }
    }
    pieces.add(g.name.piece(file));
    DotenvEntry located = g.name;
    if (g.version != null && !g.version.value().isEmpty()) {
      String v = g.version.value();
      if (v.startsWith("sha256:")) {
        pieces.add(Piece.synthetic("@"));
      } else if (!v.startsWith("@")) {
        pieces.add(Piece.synthetic(":"));
      }
      pieces.add(g.version.piece(file));
      located = g.version;
    } else if (!hasTag(g.name.value())) {
      return Optional.empty();
    }
    String marker =
        Stream.of(g.version, g.name, g.registry)
            .filter(Objects::nonNull)
            .map(e -> Markers.trailing(file, e.end()))
            .flatMap(Optional::stream)
            .findFirst()
            .orElseGet(() -> Markers.above(file, g.firstLine()).orElse(null));
    return Optional.of(
        new ImageSite(file, located.line(), NAME, new WrittenReference(pieces), marker));
  }

  /** A name without a version is pinned only when it carries its own tag or digest. */
  private static boolean hasTag(String name) {
    return name.contains("@") || name.lastIndexOf(':') > name.lastIndexOf('/');
  }

  private static final class Group {
    DotenvEntry registry;
    DotenvEntry name;
    DotenvEntry version;

    int firstLine() {
      return Stream.of(registry, name, version)
          .filter(Objects::nonNull)
          .mapToInt(DotenvEntry::line)
          .min()
          .orElse(1);
    }
  }
}

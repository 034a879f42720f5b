package dev.refit.files.dockerfile;

import dev.refit.files.FileFormat;
import dev.refit.files.FileParseException;
import dev.refit.files.ImageSite;
import dev.refit.files.Markers;
import dev.refit.files.Piece;
import dev.refit.files.SourceFile;
import dev.refit.files.Workspace;
import dev.refit.files.WrittenReference;
import dev.refit.files.dockerfile.Instruction.Word;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Images in Dockerfile {@code FROM} lines, flags such as {@code --platform} and {@code AS} stage
 * names allowed. A {@code FROM} that names an earlier stage or {@code scratch} is not an image. A
 * version held in a global {@code ARG} with a default ({@code ARG NGINX=1.25.3} then
 * {@code FROM nginx:${NGINX}}) is found and edited in the {@code ARG}, also through a chain
 * ({@code ARG IMAGE=nginx:${NGINX}}); a name that becomes an earlier stage once its arguments are
 * filled in ({@code FROM build-${BASE_VARIANT}}) is a stage. Other variables are not pinned in the
 * file and are left out. An {@code ARG} used by several {@code FROM}s gives each of them a site
 * written in the same characters; the updater moves it only to a version all of them have. Dockerfiles have no trailing comments, so a marker goes on
 * the line above the {@code FROM} (or above the {@code ARG}).
 */
public final class DockerfileFormat implements FileFormat {
  public static final String NAME = "dockerfile";
  private static final Pattern VARIABLE =
      Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(\\}|[^}]*\\})|([A-Za-z_][A-Za-z0-9_]*))");

  @Override
  public String name() {
    return NAME;
  }

  /** {@code Dockerfile}, {@code Dockerfile.prod}, {@code app.Dockerfile}, and Containerfiles. */
  @Override
  public boolean accepts(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.equals("dockerfile")
        || name.equals("containerfile")
        || name.startsWith("dockerfile.")
        || name.startsWith("containerfile.")
        || name.endsWith(".dockerfile")
        || name.endsWith(".containerfile");
  }

  @Override
  public List<ImageSite> find(SourceFile file, Workspace workspace) {
    Map<String, Arg> globalArgs = new HashMap<>();
    Set<String> stages = new HashSet<>();
    boolean seenFrom = false;
    List<ImageSite> sites = new ArrayList<>();
    for (Instruction instruction : DockerfileReader.instructions(file)) {
      String keyword = instruction.keyword().toUpperCase(Locale.ROOT);
      if (keyword.equals("ARG") && !seenFrom) {
        args(file, instruction).forEach(arg -> globalArgs.put(arg.name(), arg));
      } else if (keyword.equals("FROM")) {
        seenFrom = true;
        from(file, instruction, globalArgs, stages).ifPresent(sites::add);
      }
    }
    return sites;
  }

  private Optional<ImageSite> from(
      SourceFile file, Instruction instruction, Map<String, Arg> args, Set<String> stages) {
    List<Word> words = instruction.words();
    int i = 1;
    while (i < words.size() && words.get(i).text().startsWith("--")) {
      i++;
    }
    if (i >= words.size()) {
      throw new FileParseException(instruction.line(), "FROM names no image");
    }
    Word image = words.get(i);
    String stage = null;
    if (i + 3 == words.size() && words.get(i + 1).text().equalsIgnoreCase("AS")) {
      stage = words.get(i + 2).text().toLowerCase(Locale.ROOT);
    } else if (i + 1 < words.size()) {
      throw new FileParseException(
          instruction.line(),
          "FROM " + image.text() + " is followed by '" + words.get(i + 1).text()
              + "'; only AS <stage> may follow the image");
    }
    Optional<ImageSite> site = image(file, instruction, image, args, stages);
    if (stage != null) {
      stages.add(stage);
    }
    return site;
  }

  /**
   * The image a {@code FROM} names, its variables replaced by their global defaults. A name that
   * turns out to be an earlier stage once the variables are filled in ({@code FROM
   * build-${BASE_VARIANT}}) is a stage, not an image.
   */
  private Optional<ImageSite> image(
      SourceFile file, Instruction instruction, Word image, Map<String, Arg> args, Set<String> stages) {
    if (stages.contains(image.text().toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    List<Piece> pieces = new ArrayList<>();
    List<Arg> used = new ArrayList<>();
    if (!substitute(file, instruction, image.index(), image.text(), args, pieces, used, 0)) {
      return Optional.empty();
    }
    String resolved = WrittenReference.of(pieces.toArray(Piece[]::new)).text().toLowerCase(Locale.ROOT);
    if (resolved.equals("scratch") || stages.contains(resolved)) {
      return Optional.empty();
    }
    String marker = Markers.above(file, instruction.line()).orElse(null);
    for (int a = used.size() - 1; marker == null && a >= 0; a--) {
      marker = Markers.above(file, used.get(a).line()).orElse(null);
    }
    return Optional.of(
        new ImageSite(file, instruction.line(), NAME, new WrittenReference(pieces), marker));
  }

  /**
   * Appends the pieces of {@code text} (at {@code index} of the instruction) with every variable
   * replaced by its argument's pieces, following {@code ARG B=${A}} chains.
   *
   * @return false when a variable is not pinned in the file: no default, a {@code ${X:-y}} form
   *     (the build decides), or a chain that loops
   */
  private static boolean substitute(
      SourceFile file,
      Instruction instruction,
      int index,
      String text,
      Map<String, Arg> args,
      List<Piece> pieces,
      List<Arg> used,
      int depth) {
    if (depth > args.size()) {
      return false;
    }
    Matcher m = VARIABLE.matcher(text);
    int literal = 0;
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(3);
      Arg arg = args.get(name);
      if ((m.group(2) != null && !m.group(2).equals("}")) || arg == null || arg.value() == null) {
        return false;
      }
      if (m.start() > literal) {
        pieces.add(piece(file, instruction, index + literal, text.substring(literal, m.start())));
      }
      used.add(arg);
      if (arg.value().text().contains("$")) {
        if (!arg.value().text().equals(arg.written())
            || !substitute(
                file, arg.instruction(), arg.index(), arg.written(), args, pieces, used, depth + 1)) {
          return false;
        }
      } else {
        pieces.add(arg.value());
      }
      literal = m.end();
    }
    if (literal < text.length()) {
      pieces.add(piece(file, instruction, index + literal, text.substring(literal)));
    }
    return true;
  }

  private static Piece piece(SourceFile file, Instruction instruction, int index, String text) {
    return instruction == null ? Piece.synthetic(text) : instruction.piece(file, index, text.length());
  }

  /**
   * A global build argument.
   *
   * @param value its default, or {@code null} when it has none
   * @param written the default as written, to follow the variables it uses
   * @param instruction the {@code ARG} it comes from, and {@code index} where its default starts
   */
  private record Arg(String name, Piece value, String written, Instruction instruction, int index, int line) {}

  private static List<Arg> args(SourceFile file, Instruction instruction) {
    List<Arg> args = new ArrayList<>();
    List<Word> words = instruction.words();
    for (Word word : words.subList(1, words.size())) {
      int eq = word.text().indexOf('=');
      if (eq < 0) {
        args.add(new Arg(word.text(), null, null, instruction, 0, instruction.line()));
        continue;
      }
      String value = word.text().substring(eq + 1);
      int index = word.index() + eq + 1;
      if (value.length() >= 2
          && (value.charAt(0) == '"' || value.charAt(0) == '\'')
          && value.charAt(value.length() - 1) == value.charAt(0)) {
        value = value.substring(1, value.length() - 1);
        index++;
      }
      // a default built from other arguments is followed when the image uses it
      Piece piece =
          value.contains("\\") || value.contains("$")
              ? Piece.synthetic(value)
              : instruction.piece(file, index, value.length());
      args.add(
          new Arg(
              word.text().substring(0, eq),
              piece,
              value.contains("\\") ? null : value,
              instruction,
              index,
              instruction.line()));
    }
    return args;
  }
}

package dev.refit.files.hcl;

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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Images in Terraform and other HCL: string attributes whose name ends in {@code image}
 * ({@code image}, {@code container_image}, {@code baseImage}), the {@code name} of a
 * {@code docker_image} resource or {@code docker_registry_image} data source, and the default of a
 * variable whose name ends in {@code image}. A string built only from literal text and
 * {@code ${local.x}} / {@code ${var.x}} whose definitions are plain strings (in this file or, for
 * {@code .tf} files, another {@code .tf} file of the same module) is followed to the definitions,
 * so the version is edited where it is written. Anything else computed is left out.
 */
public final class HclFormat implements FileFormat {
  public static final String NAME = "terraform";
  private static final Pattern REFERENCE =
      Pattern.compile("(local|var)\\.([A-Za-z_][A-Za-z0-9_-]*)");
  private static final int MAX_DEPTH = 8;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean accepts(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".tf") || name.endsWith(".tfvars") || name.endsWith(".hcl");
  }

  @Override
  public List<ImageSite> find(SourceFile file, Workspace workspace) {
    HclDocument document = HclDocument.parse(file);
    Map<String, Attribute> definitions = new HashMap<>();
    if (isTerraform(file.path())) {
      siblings(file, workspace).forEach(d -> define(d, definitions));
    }
    // this file's own definitions win over a sibling's stale duplicate
    define(document, definitions);
    List<ImageSite> sites = new ArrayList<>();
    for (Attribute attribute : document.attributes()) {
      if (!isImage(attribute)) {
        continue;
      }
      List<Attribute> used = new ArrayList<>();
      List<Piece> pieces = new ArrayList<>();
      if (resolve(attribute, definitions, used, pieces, 0) && !pieces.isEmpty()) {
        sites.add(
            new ImageSite(
                file, attribute.line(), NAME, new WrittenReference(pieces), marker(attribute, used)));
      }
    }
    return sites;
  }

  private static boolean isTerraform(Path path) {
    return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tf");
  }

  private static List<HclDocument> siblings(SourceFile file, Workspace workspace) {
    Path parent = file.path().getParent();
    List<HclDocument> documents = new ArrayList<>();
    for (Path sibling : workspace.list(parent == null ? Path.of("") : parent)) {
      if (!isTerraform(sibling) || sibling.getFileName().equals(file.path().getFileName())) {
        continue;
      }
      Optional<SourceFile> source = workspace.read(sibling);
      if (source.isEmpty()) {
        continue;
      }
      try {
        documents.add(HclDocument.parse(source.get()));
      } catch (FileParseException e) {
        // that file reports its own error when it is scanned; here it just defines nothing
      }
    }
    return documents;
  }

  /** {@code local.x} from {@code locals} blocks, {@code var.x} from variable defaults. */
  private static void define(HclDocument document, Map<String, Attribute> definitions) {
    for (Attribute a : document.attributes()) {
      List<String> block = a.block();
      if (a.blocks().size() == 1 && block.equals(List.of("locals"))) {
        definitions.put("local." + a.key(), a);
      } else if (a.blocks().size() == 1
          && block.size() == 2
          && block.get(0).equals("variable")
          && a.key().equals("default")) {
        definitions.put("var." + block.get(1), a);
      }
    }
  }

  private static boolean isImage(Attribute a) {
    List<String> block = a.block();
    if (a.key().toLowerCase(Locale.ROOT).endsWith("image")) {
      return true;
    }
    if (a.key().equals("default") && block.size() == 2 && block.get(0).equals("variable")) {
      return block.get(1).toLowerCase(Locale.ROOT).endsWith("image");
    }
    return a.key().equals("name")
        && block.size() == 3
        && ((block.get(0).equals("resource") && block.get(1).equals("docker_image"))
            || (block.get(0).equals("data") && block.get(1).equals("docker_registry_image")));
  }

  /** Appends the attribute's value as pieces; false when part of it is computed. */
  private static boolean resolve(
      Attribute attribute,
      Map<String, Attribute> definitions,
      List<Attribute> used,
      List<Piece> pieces,
      int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    for (Token.Part part : attribute.value().parts()) {
      if (part instanceof Token.Literal literal) {
        pieces.add(
            literal.raw().equals(literal.value())
                ? Piece.at(attribute.file(), literal.start(), literal.value())
                : Piece.synthetic(literal.value()));
      } else if (part instanceof Token.Interpolation interpolation) {
        Matcher m = REFERENCE.matcher(interpolation.expression());
        Attribute definition = m.matches() ? definitions.get(interpolation.expression()) : null;
        if (definition == null) {
          return false;
        }
        used.add(definition);
        if (!resolve(definition, definitions, used, pieces, depth + 1)) {
          return false;
        }
      } else {
        return false;
      }
    }
    return true;
  }

  private static String marker(Attribute attribute, List<Attribute> used) {
    Optional<String> marker = Markers.trailing(attribute.file(), attribute.value().end());
    for (int i = used.size() - 1; marker.isEmpty() && i >= 0; i--) {
      Attribute d = used.get(i);
      marker = Markers.trailing(d.file(), d.value().end());
    }
    if (marker.isEmpty()) {
      marker = Markers.above(attribute.file(), attribute.line());
    }
    for (int i = used.size() - 1; marker.isEmpty() && i >= 0; i--) {
      marker = Markers.above(used.get(i).file(), used.get(i).line());
    }
    return marker.orElse(null);
  }
}

package dev.refit.files.yaml;

import dev.refit.files.FileFormat;
import dev.refit.files.FileParseException;
import dev.refit.files.ImageSite;
import dev.refit.files.Markers;
import dev.refit.files.Piece;
import dev.refit.files.SourceFile;
import dev.refit.files.Workspace;
import dev.refit.files.WrittenReference;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Images in YAML: every {@code image:} whose value is a reference, which covers Compose and stack
 * files ({@code services.*.image}), Kubernetes manifests (containers, initContainers and ephemeral
 * containers of Pods and of every workload template, in any number of documents), and Helm-style
 * values where {@code image:} is a mapping of {@code registry} (optional), {@code repository},
 * {@code tag} and {@code digest} (optional).
 *
 * <p>SnakeYAML's node marks give each scalar's exact place, so an edit replaces the version's
 * characters and nothing else: comments, quoting, order and indentation stay as they are.
 */
public final class YamlFormat implements FileFormat {
  public static final String NAME = "yaml";
  private static final String IMAGE_KEY = "image";
  private static final String BUILD_KEY = "build";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean accepts(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  @Override
  public List<ImageSite> find(SourceFile file, Workspace workspace) {
    Walk walk = new Walk(file);
    try {
      for (Node document : new Yaml(loaderOptions()).composeAll(new StringReader(file.text()))) {
        walk.visit(document);
      }
    } catch (MarkedYAMLException e) {
      if (isTemplate(file)) {
        return List.of();
      }
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new FileParseException(mark == null ? 0 : mark.getLine() + 1, "not valid YAML: " + problem(e));
    } catch (YAMLException e) {
      if (isTemplate(file)) {
        return List.of();
      }
      throw new FileParseException(0, "not valid YAML: " + oneLine(e.getMessage()));
    }
    return walk.sites;
  }

  /**
   * The {@code image:} value of one service of a Compose file ({@code services.<service>.image}),
   * as written and where, or empty when the file does not name an image for that service.
   *
   * @throws FileParseException when the file is not valid YAML
   */
  public static Optional<Piece> serviceImage(SourceFile file, String service) {
    Node root;
    try {
      root = new Yaml(loaderOptions()).compose(new StringReader(file.text()));
    } catch (YAMLException e) {
      throw new FileParseException(0, "not valid YAML: " + oneLine(e.getMessage()));
    }
    Walk walk = new Walk(file);
    return Optional.ofNullable(root)
        .flatMap(r -> walk.mapping(r, "services"))
        .flatMap(services -> walk.mapping(services, service))
        .flatMap(s -> walk.scalar(s, IMAGE_KEY))
        .filter(image -> !image.getValue().isBlank() && !walk.isNull(image))
        .map(walk::piece);
  }

  /**
   * SnakeYAML refuses more than 50 aliases by default, against "billion laughs" documents; real
   * Compose files pass that easily ({@code <<: *defaults} in every service). The walk visits each
   * aliased node once, so aliases cost nothing here; the file's size is what bounds the work.
   */
  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(Integer.MAX_VALUE);
    options.setAllowDuplicateKeys(true);
    return options;
  }

  // Helm chart templates are Go templates that only become YAML when rendered; their images come
  // from values files, which are YAML and are read.
  private static boolean isTemplate(SourceFile file) {
    return file.text().contains("{{");
  }

  /** SnakeYAML's words, with a hint for the most common slip, a line indented wrongly. */
  private static String problem(MarkedYAMLException e) {
    String problem = oneLine(e.getProblem());
    return problem.startsWith("expected <block end>")
        ? "this line is not indented like the lines above it (" + problem + ")"
        : problem;
  }

  private static String oneLine(String message) {
    return message == null ? "unknown problem" : message.strip().replaceAll("\\s*\\n\\s*", " ");
  }

  /** One pass over a file's documents; aliases of a node already seen are not visited again. */
  private static final class Walk {
    private final SourceFile file;
    private final CodePointOffsets offsets;
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<ImageSite> sites = new ArrayList<>();

    Walk(SourceFile file) {
      this.file = file;
      this.offsets = new CodePointOffsets(file.text());
    }

    void visit(Node node) {
      if (node == null || !seen.add(node)) {
        return;
      }
      if (node instanceof MappingNode mapping) {
        boolean builds = hasKey(mapping, BUILD_KEY);
        for (NodeTuple entry : mapping.getValue()) {
          if (entry.getKeyNode() instanceof ScalarNode key && key.getValue().equals(IMAGE_KEY)) {
            image(key, entry.getValueNode(), builds);
          }
          visit(entry.getValueNode());
        }
      } else if (node instanceof SequenceNode sequence) {
        sequence.getValue().forEach(this::visit);
      }
    }

    private void image(ScalarNode key, Node value, boolean builds) {
      if (value instanceof ScalarNode scalar) {
        Optional<WrittenReference> reference = reference(scalar);
        if (reference.isPresent()) {
          sites.add(
              new ImageSite(
                  file,
                  line(scalar),
                  NAME,
                  reference.get(),
                  Markers.find(file, end(scalar)),
                  builds
                      ? "the service builds this image (build: next to image:); its Dockerfile"
                          + " names the base images"
                      : null));
        }
      } else if (value instanceof MappingNode mapping) {
        helmStyle(key, mapping);
      }
    }

    /** {@code image: {registry, repository, tag, digest}} as Helm charts' values write it. */
    private void helmStyle(ScalarNode key, MappingNode image) {
      Optional<ScalarNode> registry = scalar(image, "registry");
      Optional<ScalarNode> repository = scalar(image, "repository");
      Optional<ScalarNode> tag = scalar(image, "tag").filter(this::pinned);
      Optional<ScalarNode> digest = scalar(image, "digest").filter(this::pinned);
      if (repository.isEmpty() || !pinned(repository.get()) || (tag.isEmpty() && digest.isEmpty())) {
        return;
      }
      if (Stream.of(registry, tag, digest).flatMap(Optional::stream).anyMatch(this::templated)) {
        return;
      }
      List<Piece> pieces = new ArrayList<>();
      registry
          .filter(r -> !r.getValue().isBlank() && !isNull(r))
          .ifPresent(
              r -> {
                pieces.add(piece(r));
                pieces.add(Piece.synthetic("/"));
              });
      pieces.add(piece(repository.get()));
      tag.ifPresent(
          t -> {
            pieces.add(Piece.synthetic(":"));
            pieces.add(piece(t));
          });
      digest.ifPresent(
          d -> {
            pieces.add(Piece.synthetic("@"));
            pieces.add(piece(d));
          });
      ScalarNode version = tag.orElseGet(digest::get);
      String marker =
          Stream.of(tag, digest, repository, Optional.of(key))
              .flatMap(Optional::stream)
              .map(n -> Markers.trailing(file, end(n)))
              .flatMap(Optional::stream)
              .findFirst()
              .or(() -> Markers.above(file, line(version)))
              .or(() -> Markers.above(file, line(key)))
              .orElse(null);
      sites.add(new ImageSite(file, line(version), NAME, new WrittenReference(pieces), marker));
    }

    /**
     * The reference an {@code image:} scalar pins: the value itself, or with Compose
     * interpolation the defaults it writes ({@code ${AIRFLOW_IMAGE:-apache/airflow:2.9.2}}), which
     * are what runs unless the variable is set. A variable without a default pins nothing here.
     */
    private Optional<WrittenReference> reference(ScalarNode scalar) {
      if (scalar.getValue().isBlank() || isNull(scalar) || scalar.getValue().contains("{{")) {
        return Optional.empty();
      }
      if (!scalar.getValue().contains("$")) {
        return Optional.of(WrittenReference.of(piece(scalar)));
      }
      return ComposeDefaults.pieces(piece(scalar)).map(WrittenReference::new);
    }

    private static boolean hasKey(MappingNode mapping, String name) {
      return mapping.getValue().stream()
          .anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(name));
    }

    private Optional<MappingNode> mapping(Node node, String name) {
      if (node instanceof MappingNode mapping) {
        for (NodeTuple entry : mapping.getValue()) {
          if (entry.getKeyNode() instanceof ScalarNode key
              && key.getValue().equals(name)
              && entry.getValueNode() instanceof MappingNode value) {
            return Optional.of(value);
          }
        }
      }
      return Optional.empty();
    }

    private Optional<ScalarNode> scalar(MappingNode mapping, String name) {
      for (NodeTuple entry : mapping.getValue()) {
        if (entry.getKeyNode() instanceof ScalarNode key
            && key.getValue().equals(name)
            && entry.getValueNode() instanceof ScalarNode value) {
          return Optional.of(value);
        }
      }
      return Optional.empty();
    }

    /** A value that pins something here: not empty, not null, not filled in by a template. */
    private boolean pinned(ScalarNode scalar) {
      return !scalar.getValue().isBlank() && !isNull(scalar) && !templated(scalar);
    }

    private boolean isNull(ScalarNode scalar) {
      return scalar.getScalarStyle() == ScalarStyle.PLAIN && Tag.NULL.equals(scalar.getTag());
    }

    private boolean templated(ScalarNode scalar) {
      return scalar.getValue().contains("${") || scalar.getValue().contains("{{");
    }

    /**
     * The scalar's value and where it is written. Plain and quoted scalars without escapes or
     * folding are written verbatim; anything else can be read but not edited in place.
     */
    private Piece piece(ScalarNode scalar) {
      String value = scalar.getValue();
      String quote =
          switch (scalar.getScalarStyle()) {
            case PLAIN -> "";
            case SINGLE_QUOTED -> "'";
            case DOUBLE_QUOTED -> "\"";
            default -> null;
          };
      if (quote == null) {
        return Piece.synthetic(value);
      }
      String written = quote + value + quote;
      int start = start(scalar);
      int end = end(scalar);
      String raw = file.text().substring(start, end);
      // A tag (!!str) or anchor may precede the value inside the node's marks.
      if (!raw.endsWith(written) || value.contains("\n")) {
        return Piece.synthetic(value);
      }
      return Piece.at(file, end - written.length() + quote.length(), value);
    }

    private int start(Node node) {
      return offsets.toCharOffset(node.getStartMark().getIndex());
    }

    private int end(Node node) {
      return offsets.toCharOffset(node.getEndMark().getIndex());
    }

    private int line(Node node) {
      return file.lineAt(start(node));
    }
  }
}

package dev.refit.compose;

import dev.refit.files.FileParseException;
import dev.refit.files.FileTexts;
import dev.refit.files.Piece;
import dev.refit.files.SourceFile;
import dev.refit.files.WrittenReference;
import dev.refit.files.dotenv.DotenvFormat;
import dev.refit.files.yaml.ComposeDefaults;
import dev.refit.files.yaml.YamlFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a Compose service's image is written: the {@code image:} of the last of the project's
 * files that sets one (later files override earlier ones, as Compose merges them), with each
 * {@code ${VAR}} in it replaced as Compose interpolates it, from the project's {@code .env} where
 * that sets the variable, else from the {@code ${VAR:-default}} itself.
 */
final class ComposePins {
  private ComposePins() {}

  sealed interface Found {}

  /** The reference as the files write it, each character placed where it is written. */
  record Pinned(WrittenReference reference) implements Found {}

  /** A file of the project that cannot be read here (not mounted, no permission). */
  record Unreadable(Path file, String reason) implements Found {}

  /** The files can be read but pin no version Refit can move. */
  record NotPinned(String reason) implements Found {}

  static Found find(ComposeService service, FileTexts texts) {
    @Nullable Piece image = null;
    for (Path file : service.configFiles()) {
      SourceFile source;
      try {
        source = texts.load(file);
      } catch (FileParseException e) {
        return new Unreadable(file, e.reason());
      }
      try {
        Optional<Piece> found = YamlFormat.serviceImage(source, service.service());
        if (found.isPresent()) {
          image = found.get();
        }
      } catch (FileParseException e) {
        return new NotPinned(file + ": " + e.reason());
      }
    }
    if (image == null) {
      return new NotPinned("no file of project " + service.project() + " gives service "
          + service.service() + " an image:");
    }
    if (!image.text().contains("$")) {
      return new Pinned(WrittenReference.of(image));
    }
    Map<String, Piece> variables;
    Path dotenv = service.dotenv();
    if (service.environmentFile() == null && !Files.exists(dotenv)) {
      variables = Map.of();
    } else {
      try {
        variables = DotenvFormat.values(texts.load(dotenv));
      } catch (FileParseException e) {
        return e.line() == 0 ? new Unreadable(dotenv, e.reason()) : new NotPinned(dotenv + ":" + e.line() + ": " + e.reason());
      }
    }
    Optional<List<Piece>> pieces =
        ComposeDefaults.pieces(image, name -> Optional.ofNullable(variables.get(name)));
    if (pieces.isEmpty()) {
      return new NotPinned("the image: of service " + service.service() + " (" + image.text()
          + ") takes a variable that neither " + dotenv + " nor a ${VAR:-default} sets");
    }
    return new Pinned(new WrittenReference(pieces.get()));
  }
}

package dev.refit.files;

import java.nio.file.Path;
import java.util.List;

/** One kind of file Refit can find pinned images in and edit. */
public interface FileFormat {
  /** The name used in reports and JSON, e.g. {@code dotenv}. */
  String name();

  /** Whether a file of this name is of this format. */
  boolean accepts(Path file);

  /**
   * Every pinned image in the file, in the order they are written. Values built by templating
   * ({@code ${VAR}}, {@code {{ .Values }}}) are not pinned in this file and are left out.
   *
   * @param workspace other files the format may need (Terraform variables in sibling files)
   * @throws FileParseException when the file is not valid in this format
   */
  List<ImageSite> find(SourceFile file, Workspace workspace);
}

package dev.refit.files;

/**
 * One pinned image found in a file.
 *
 * @param file the file it was found in (its tag may be written in another, for Terraform variables)
 * @param line the 1-based line reported for it: the line of the value that holds the reference,
 *     or for a reference split over keys (dotenv groups, Helm values) the line of its version key,
 *     or for one built from variables (Dockerfile {@code ARG}, Terraform locals) the line that uses
 *     it ({@code FROM}, the attribute)
 * @param format the format that found it, e.g. {@code dotenv}
 * @param reference the reference as written, with where each part of it is written
 * @param marker the text after {@code refit:} in a marker comment for this image, or {@code null}
 * @param skipped why the file names this image but Refit must not change it (a Compose service
 *     that builds its {@code image:}), or {@code null}
 */
public record ImageSite(
    SourceFile file, int line, String format, WrittenReference reference, String marker, String skipped) {
  public ImageSite(SourceFile file, int line, String format, WrittenReference reference, String marker) {
    this(file, line, format, reference, marker, null);
  }
}

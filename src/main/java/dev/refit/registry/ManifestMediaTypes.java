package dev.refit.registry;

import java.util.List;
import java.util.Locale;

/** The manifest media types Refit asks for, and which of them are multi-platform indexes. */
public final class ManifestMediaTypes {
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  public static final String DOCKER_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  public static final String DOCKER_V2 = "application/vnd.docker.distribution.manifest.v2+json";

  /**
   * Sent as {@code Accept} on every manifest request: a registry asked without the Docker v2 type
   * may answer with a schema1 manifest whose digest differs from what {@code docker pull} records.
   */
  public static final String ACCEPT = String.join(", ", List.of(OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_V2));

  private ManifestMediaTypes() {}

  public static boolean isIndex(String mediaType) {
    String type = base(mediaType);
    return type.equals(OCI_INDEX) || type.equals(DOCKER_LIST);
  }

  static boolean isKnown(String mediaType) {
    String type = base(mediaType);
    return isIndex(type) || type.equals(OCI_MANIFEST) || type.equals(DOCKER_V2);
  }

  /** The type without parameters such as {@code ; charset=utf-8}. */
  static String base(String mediaType) {
    if (mediaType == null) {
      return "";
    }
    int semicolon = mediaType.indexOf(';');
    return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}

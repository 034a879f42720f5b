package dev.refit.server.webhook;

import dev.refit.image.ImageName;
import java.util.List;
import java.util.Set;

/** Image names as the API shows them. */
public final class ImageNames {
  private ImageNames() {}

  public static List<String> strings(Set<ImageName> names) {
    return names.stream().map(ImageName::toString).sorted().toList();
  }
}

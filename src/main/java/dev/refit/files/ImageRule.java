package dev.refit.files;

import com.google.re2j.Pattern;
import dev.refit.image.ImageReference;

/**
 * A per-image rule of a {@code refit-files.yaml}.
 *
 * @param image the name as written: {@code pihole/pihole}, {@code docker.io/library/nginx}, or a
 *     glob such as {@code ghcr.io/acme/*}
 * @param policy a version policy, or {@code null} to keep the default
 * @param include tag include regexes (comma-separated), or {@code null}
 * @param exclude tag exclude regexes (comma-separated), or {@code null}
 * @param ignore whether matching images are left alone
 * @param line the rule's line in its file, for messages
 */
public record ImageRule(
    String image, String policy, String include, String exclude, boolean ignore, int line) {

  /** Whether the rule names this image, by its full or its short name ({@code nginx}). */
  public boolean matches(ImageReference reference) {
    Pattern glob = glob(image);
    String full = reference.name();
    String familiar = familiarName(reference);
    if (image.contains("*")) {
      return glob.matcher(full).matches() || glob.matcher(familiar).matches();
    }
    return image.equals(full) || image.equals(familiar) || normalised(image).equals(full);
  }

  private static String familiarName(ImageReference reference) {
    String form = reference.withoutDigest().withTag("x").familiarForm();
    return form.substring(0, form.length() - 2);
  }

  private static String normalised(String name) {
    try {
      return ImageReference.parse(name + ":x").name();
    } catch (IllegalArgumentException e) {
      return name;
    }
  }

  // RE2J, because the glob is user input: *a*a*a*a*a*a*a*a*a*a*a*b is linear there and takes
  // polynomial time of degree twelve in java.util.regex.
  private static Pattern glob(String glob) {
    String[] parts = glob.split("\\*", -1);
    StringBuilder regex = new StringBuilder(Pattern.quote(parts[0]));
    for (int i = 1; i < parts.length; i++) {
      regex.append(".*").append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString());
  }
}

package dev.refit.server.ui;

import dev.refit.image.Digest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/** How the pages write times and digests: short, the same everywhere. */
final class Texts {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Texts() {}

  static String time(@Nullable Instant at) {
    return at == null ? "" : TIME.format(at);
  }

  /** The first 12 hex digits, as {@code docker images} shows an id. */
  static String shortDigest(@Nullable Object digest) {
    if (digest == null) {
      return "";
    }
    String text = digest.toString();
    int colon = text.indexOf(':');
    String hex = colon < 0 ? text : text.substring(colon + 1);
    return hex.length() > 12 ? hex.substring(0, 12) : hex;
  }

  static String tagAndDigest(@Nullable String tag, @Nullable Digest digest) {
    String t = tag == null ? "" : tag;
    String d = shortDigest(digest);
    return d.isEmpty() ? t : t + " (" + d + ")";
  }

  /** A name as one segment of a URL path (a target or environment name in a form's action). */
  static String pathSegment(String name) {
    return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}

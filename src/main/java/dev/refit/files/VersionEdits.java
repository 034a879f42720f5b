package dev.refit.files;

import dev.refit.image.Digest;
import java.util.List;
import java.util.Optional;

/**
 * Turns an update into the smallest edits of the file: the characters of the tag and of the
 * digest where the reference writes them, nothing else.
 */
final class VersionEdits {
  private VersionEdits() {}

  /**
   * The edits that write a new tag and/or digest into the reference's own characters.
   *
   * @return why it cannot be done, if it cannot
   */
  static Optional<String> plan(WrittenReference reference, String tag, Digest digest, List<Edit> edits) {
    String text = reference.text();
    int at = text.indexOf('@');
    int nameEnd = at < 0 ? text.length() : at;
    int slash = text.lastIndexOf('/', nameEnd - 1);
    int colon = text.lastIndexOf(':', nameEnd - 1);
    if (tag != null) {
      if (colon <= slash) {
        return Optional.of("the file writes no tag to replace with " + tag);
      }
      Optional<Edit> edit = tagEdit(reference, colon + 1, nameEnd, tag);
      if (edit.isEmpty()) {
        return Optional.of(
            "the tag is not written as plain text (escaped, folded or computed), so it cannot be"
                + " changed to " + tag + " in place");
      }
      edits.add(edit.get());
    }
    if (digest != null) {
      Optional<Span> span = at < 0 ? Optional.empty() : reference.locate(at + 1, text.length());
      if (span.isEmpty()) {
        return Optional.of(
            "the digest is not written as plain text, so it cannot be changed to " + digest + " in place");
      }
      edits.add(new Edit(span.get(), digest.toString()));
    }
    return Optional.empty();
  }

  /**
   * Replaces the whole tag where it is written in one piece. Otherwise (a tag split between a
   * variable and literal text, as in {@code node:${NODE_VERSION}-alpine}) replaces only the
   * characters that differ, which works when they all lie in one written piece.
   */
  private static Optional<Edit> tagEdit(WrittenReference reference, int start, int end, String tag) {
    Optional<Span> whole = reference.locate(start, end);
    if (whole.isPresent()) {
      return Optional.of(new Edit(whole.get(), tag));
    }
    String old = reference.text().substring(start, end);
    int prefix = 0;
    while (prefix < old.length() && prefix < tag.length() && old.charAt(prefix) == tag.charAt(prefix)) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < old.length() - prefix
        && suffix < tag.length() - prefix
        && old.charAt(old.length() - 1 - suffix) == tag.charAt(tag.length() - 1 - suffix)) {
      suffix++;
    }
    String middle = tag.substring(prefix, tag.length() - suffix);
    return reference.locate(start + prefix, end - suffix).map(span -> new Edit(span, middle));
  }

}

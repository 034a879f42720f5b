package dev.refit.files;

import dev.refit.image.Digest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns an update into the smallest edits of the file: the characters of the tag and of the
 * digest where the reference writes them, nothing else.
 */
public final class VersionEdits {
  private VersionEdits() {}

  /**
   * The edits that write a new tag and/or digest into the reference's own characters.
   *
   * @return why it cannot be done, if it cannot
   */
  public static Optional<String> plan(WrittenReference reference, String tag, Digest digest, List<Edit> edits) {
    String text = reference.text();
    int at = text.indexOf('@');
    int nameEnd = at < 0 ? text.length() : at;
    int slash = text.lastIndexOf('/', nameEnd - 1);
    int colon = text.lastIndexOf(':', nameEnd - 1);
    if (tag != null) {
      if (colon <= slash) {
        return Optional.of("the file writes no tag to replace with " + tag);
      }
      Optional<List<Edit>> edit = tagEdits(reference, colon + 1, nameEnd, tag);
      if (edit.isEmpty()) {
        return Optional.of(
            "the tag is not written as plain text (escaped, folded or computed), so it cannot be"
                + " changed to " + tag + " in place");
      }
      edits.addAll(edit.get());
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
   * Replaces the whole tag where it is written in one piece. Otherwise (a tag assembled from
   * variables and literal text, as in {@code golang:${GO_VERSION}-alpine${ALPINE_VERSION}}) keeps
   * as many of its parts as the new tag allows and rewrites the others, each where it is written
   * ({@code 1.20.6|-alpine|3.17} to {@code 1.21.0-alpine3.18} rewrites the two versions).
   */
  private static Optional<List<Edit>> tagEdits(WrittenReference reference, int start, int end, String tag) {
    Optional<Span> whole = reference.locate(start, end);
    if (whole.isPresent()) {
      return Optional.of(List.of(new Edit(whole.get(), tag)));
    }
    List<Segment> segments = segments(reference, start, end);
    int n = segments.size();
    int length = tag.length();
    // fewest[i][j]: the cost of rewriting segments i.. so that they spell tag[j..] (-1: impossible):
    // the number of segments rewritten first, then how much their lengths change, so that
    // 20.10.0|-alpine to 21.0.0-slim becomes 21.0.0|-slim rather than 2|1.0.0-slim
    final int perSegment = 100_000;
    int[][] fewest = new int[n + 1][length + 1];
    int[][] choice = new int[n + 1][length + 1];
    for (int[] row : fewest) {
      java.util.Arrays.fill(row, -1);
    }
    fewest[n][length] = 0;
    for (int i = n - 1; i >= 0; i--) {
      Segment segment = segments.get(i);
      for (int j = length; j >= 0; j--) {
        int best = -1;
        int bestEnd = -1;
        if (tag.startsWith(segment.text(), j) && fewest[i + 1][j + segment.text().length()] >= 0) {
          best = fewest[i + 1][j + segment.text().length()];
          bestEnd = -1; // kept
        }
        if (segment.span() != null) {
          for (int k = j + 1; k <= length; k++) {
            int cost =
                perSegment
                    + 1_000 * edgesChanged(segment.text(), tag.substring(j, k))
                    + Math.abs((k - j) - segment.text().length());
            if (fewest[i + 1][k] >= 0 && (best < 0 || fewest[i + 1][k] + cost < best)) {
              best = fewest[i + 1][k] + cost;
              bestEnd = k;
            }
          }
        }
        fewest[i][j] = best;
        choice[i][j] = bestEnd;
      }
    }
    if (fewest[0][0] < 0) {
      return Optional.empty();
    }
    List<Edit> edits = new ArrayList<>();
    int j = 0;
    for (int i = 0; i < n; i++) {
      Segment segment = segments.get(i);
      int k = choice[i][j];
      if (k < 0) {
        j += segment.text().length();
      } else {
        edits.add(new Edit(segment.span(), tag.substring(j, k)));
        j = k;
      }
    }
    return Optional.of(edits);
  }

  /**
   * How many of a rewritten part's two ends change kind (digit, letter, or which punctuation):
   * {@code -alpine} may become {@code -slim}, but hardly {@code .0-slim}.
   */
  private static int edgesChanged(String old, String replacement) {
    if (old.isEmpty() || replacement.isEmpty()) {
      return 2;
    }
    return (kind(old.charAt(0)) != kind(replacement.charAt(0)) ? 1 : 0)
        + (kind(old.charAt(old.length() - 1)) != kind(replacement.charAt(replacement.length() - 1)) ? 1 : 0);
  }

  private static int kind(char c) {
    return Character.isDigit(c) ? -1 : Character.isLetter(c) ? -2 : c;
  }

  /** Part of the tag that lies in one piece, and where it is written (or {@code null}). */
  private record Segment(String text, Span span) {}

  private static List<Segment> segments(WrittenReference reference, int start, int end) {
    List<Segment> segments = new ArrayList<>();
    int offset = 0;
    for (Piece piece : reference.pieces()) {
      int pieceEnd = offset + piece.text().length();
      int from = Math.max(start, offset);
      int to = Math.min(end, pieceEnd);
      if (from < to) {
        String text = piece.text().substring(from - offset, to - offset);
        Span span =
            piece.span() == null
                ? null
                : new Span(piece.span().file(), piece.span().start() + from - offset, piece.span().start() + to - offset);
        segments.add(new Segment(text, span));
      }
      offset = pieceEnd;
    }
    return segments;
  }
}

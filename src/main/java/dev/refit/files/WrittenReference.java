package dev.refit.files;

import java.util.List;
import java.util.Optional;

/**
 * An image reference as a file writes it, in one piece ({@code image: nginx:1.25}) or assembled from
 * several ({@code IMAGE_X_REGISTRY}, {@code IMAGE_X_NAME}, {@code IMAGE_X_VERSION}; a Helm
 * {@code image.repository} and {@code image.tag}; a Terraform local built from two variables). Knows
 * where each character came from, so an edit of the tag lands in the right key of the right file.
 */
public record WrittenReference(List<Piece> pieces) {
  public WrittenReference {
    pieces = List.copyOf(pieces);
    if (pieces.isEmpty()) {
      throw new IllegalArgumentException("a reference has at least one piece");
    }
  }

  public static WrittenReference of(Piece... pieces) {
    return new WrittenReference(List.of(pieces));
  }

  /** The reference text, all pieces joined. */
  public String text() {
    StringBuilder b = new StringBuilder();
    pieces.forEach(p -> b.append(p.text()));
    return b.toString();
  }

  /**
   * Where characters {@code [start, end)} of {@link #text()} are written in a file, if they all
   * lie verbatim in one piece. An empty range (an insertion point) may sit at the edge of a piece;
   * the first written piece that touches it is chosen.
   */
  public Optional<Span> locate(int start, int end) {
    int offset = 0;
    for (Piece piece : pieces) {
      int pieceEnd = offset + piece.text().length();
      boolean inside =
          start == end
              ? start >= offset && start <= pieceEnd && piece.span() != null
              : start >= offset && end <= pieceEnd;
      if (inside) {
        if (piece.span() == null) {
          return Optional.empty();
        }
        int from = piece.span().start() + (start - offset);
        return Optional.of(new Span(piece.span().file(), from, from + (end - start)));
      }
      offset = pieceEnd;
    }
    return Optional.empty();
  }
}

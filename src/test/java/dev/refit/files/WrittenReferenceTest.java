package dev.refit.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WrittenReferenceTest {
  private final SourceFile file =
      new SourceFile(Path.of(".env"), "IMAGE_X_NAME=app\nIMAGE_X_VERSION=1.0.0\n");
  private final WrittenReference reference =
      WrittenReference.of(
          Piece.at(file, 13, "app"), Piece.synthetic(":"), Piece.at(file, 33, "1.0.0"));

  @Test
  void joinsItsPieces() {
    assertThat(reference.text()).isEqualTo("app:1.0.0");
  }

  @Test
  void locatesRangesInsideOneWrittenPiece() {
    Span tag = reference.locate(4, 9).orElseThrow();
    assertThat(tag.text()).isEqualTo("1.0.0");
    assertThat(tag.line()).isEqualTo(2);
    assertThat(reference.locate(6, 7).orElseThrow().text()).isEqualTo("0");
    assertThat(reference.locate(2, 5)).as("across pieces").isEmpty();
    assertThat(reference.locate(3, 4)).as("a synthetic piece").isEmpty();
  }

  @Test
  void anInsertionPointPrefersAWrittenPiece() {
    Span atTagStart = reference.locate(4, 4).orElseThrow();
    assertThat(atTagStart.start()).isEqualTo(33);
    Span atEnd = reference.locate(9, 9).orElseThrow();
    assertThat(atEnd.start()).isEqualTo(38);
  }
}

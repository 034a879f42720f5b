package dev.refit.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextEditsTest {
  private final SourceFile file = new SourceFile(Path.of("f"), "a: x:1.0\nb: y:2.0\n");

  @Test
  void replacesExactlyTheSpans() {
    Edit first = new Edit(new Span(file, 5, 8), "1.10");
    Edit second = new Edit(new Span(file, 14, 17), "2.1");
    assertThat(TextEdits.apply(file, List.of(second, first))).isEqualTo("a: x:1.10\nb: y:2.1\n");
    assertThat(first.overlaps(second)).isFalse();
  }

  @Test
  void refusesOverlapsAndEditsAcrossLines() {
    Edit a = new Edit(new Span(file, 5, 8), "1");
    Edit b = new Edit(new Span(file, 6, 8), "2");
    assertThat(a.overlaps(b)).isTrue();
    assertThatThrownBy(() -> TextEdits.apply(file, List.of(a, b))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Edit(new Span(file, 5, 12), "x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sourceFileLines() {
    SourceFile crlf = new SourceFile(Path.of("f"), "one\r\ntwo\r\nthree");
    assertThat(crlf.lineCount()).isEqualTo(3);
    assertThat(crlf.line(1)).isEqualTo("one");
    assertThat(crlf.line(3)).isEqualTo("three");
    assertThat(crlf.lineAt(0)).isEqualTo(1);
    assertThat(crlf.lineAt(5)).isEqualTo(2);
    assertThat(crlf.lineAt(crlf.text().length())).isEqualTo(3);
  }
}

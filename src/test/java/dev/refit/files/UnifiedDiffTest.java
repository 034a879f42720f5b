package dev.refit.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
  @Test
  void oneChangedLineWithThreeLinesOfContext() {
    String before = "a\nb\nc\nd\ne\nf\ng\nh\n";
    String after = before.replace("e", "E");
    assertThat(UnifiedDiff.of("x.env", before, after))
        .isEqualTo("--- x.env\n+++ x.env\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n");
  }

  @Test
  void nearbyChangesShareAHunkAndFarOnesDoNot() {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      b.append("line").append(i).append('\n');
    }
    String before = b.toString();
    String after =
        before.replace("line2\n", "LINE2\n").replace("line7\n", "LINE7\n").replace("line18\n", "LINE18\n");
    assertThat(UnifiedDiff.of("f", before, after))
        .isEqualTo(
            "--- f\n+++ f\n"
                + "@@ -1,10 +1,10 @@\n line1\n-line2\n+LINE2\n line3\n line4\n line5\n line6\n-line7\n+LINE7\n line8\n line9\n line10\n"
                + "@@ -15,6 +15,6 @@\n line15\n line16\n line17\n-line18\n+LINE18\n line19\n line20\n");
  }

  @Test
  void consecutiveChangesShowRemovalsThenAdditions() {
    assertThat(UnifiedDiff.of("f", "a\nb\n", "A\nB\n")).isEqualTo("--- f\n+++ f\n@@ -1,2 +1,2 @@\n-a\n-b\n+A\n+B\n");
  }

  @Test
  void aLastLineWithoutNewlineAndCrlf() {
    assertThat(UnifiedDiff.of("f", "a\r\nb", "a\r\nB"))
        .isEqualTo("--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+B\n\\ No newline at end of file\n");
    assertThat(UnifiedDiff.of("f", "a", "b"))
        .isEqualTo("--- f\n+++ f\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n");
  }

  @Test
  void equalTextsHaveNoDiff() {
    assertThat(UnifiedDiff.of("f", "a\n", "a\n")).isEmpty();
    assertThat(UnifiedDiff.of("f", "", "")).isEmpty();
  }
}

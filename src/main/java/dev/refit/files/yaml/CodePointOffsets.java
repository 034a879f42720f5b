package dev.refit.files.yaml;

/**
 * Turns SnakeYAML's mark indexes, which count code points, into {@code String} offsets, which
 * count UTF-16 units; they differ after any character outside the Basic Multilingual Plane.
 */
final class CodePointOffsets {
  private final int[] charOffsets;

  CodePointOffsets(String text) {
    boolean surrogates = text.chars().anyMatch(c -> Character.isSurrogate((char) c));
    if (!surrogates) {
      charOffsets = null;
      return;
    }
    int count = text.codePointCount(0, text.length());
    charOffsets = new int[count + 1];
    int charIndex = 0;
    for (int cp = 0; cp < count; cp++) {
      charOffsets[cp] = charIndex;
      charIndex += Character.charCount(text.codePointAt(charIndex));
    }
    charOffsets[count] = text.length();
  }

  int toCharOffset(int codePointIndex) {
    return charOffsets == null ? codePointIndex : charOffsets[codePointIndex];
  }
}

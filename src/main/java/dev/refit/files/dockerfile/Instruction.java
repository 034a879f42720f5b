package dev.refit.files.dockerfile;

import dev.refit.files.Piece;
import dev.refit.files.SourceFile;
import java.util.ArrayList;
import java.util.List;

/**
 * One Dockerfile instruction, its continuation lines joined, with the file offset of every
 * character so that a word found in it can be located in the file.
 *
 * @param text the instruction, continuations replaced by nothing
 * @param offsets the file offset of each character of {@code text}
 * @param line the 1-based line it starts on
 */
record Instruction(String text, int[] offsets, int line) {

  /** A word of the instruction: whitespace-separated, with where it starts in {@code text}. */
  record Word(String text, int index) {}

  String keyword() {
    List<Word> words = words();
    return words.isEmpty() ? "" : words.get(0).text();
  }

  List<Word> words() {
    List<Word> words = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        words.add(new Word(text.substring(start, i), start));
      }
    }
    return words;
  }

  /**
   * Characters {@code [index, index + length)} of the text as a piece: editable when they are
   * written contiguously in the file, not split by a line continuation.
   */
  Piece piece(SourceFile file, int index, int length) {
    String value = text.substring(index, index + length);
    if (length == 0 || offsets[index + length - 1] - offsets[index] != length - 1) {
      return Piece.synthetic(value);
    }
    return Piece.at(file, offsets[index], value);
  }
}

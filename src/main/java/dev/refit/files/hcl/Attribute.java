package dev.refit.files.hcl;

import dev.refit.files.SourceFile;
import java.util.List;

/**
 * {@code key = "string"} (or {@code key: "string"} in an object), with the blocks around it.
 *
 * @param file the file it is written in
 * @param key the key as written, without quotes
 * @param value the string
 * @param blocks the headers of the enclosing blocks and objects, outermost first, each as its
 *     words: {@code [variable, nginx_version]}, {@code [locals]}, {@code [image, =]}
 */
record Attribute(SourceFile file, String key, Token value, List<List<String>> blocks) {
  Attribute {
    blocks = List.copyOf(blocks);
  }

  /** The header of the block the attribute is directly in, empty at the top level. */
  List<String> block() {
    return blocks.isEmpty() ? List.of() : blocks.get(blocks.size() - 1);
  }

  int line() {
    return file.lineAt(value.start());
  }
}

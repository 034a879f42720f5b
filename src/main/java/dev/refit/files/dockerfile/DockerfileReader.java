package dev.refit.files.dockerfile;

import dev.refit.files.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a Dockerfile into instructions as BuildKit does: parser directives at the top (only
 * {@code escape} matters here), comment lines skipped, a line ending in the escape character
 * continued on the next, comment and empty lines inside a continuation ignored.
 */
final class DockerfileReader {
  private static final Pattern DIRECTIVE = Pattern.compile("^\\s*#\\s*([a-zA-Z]+)\\s*=\\s*(\\S+)\\s*$");

  private DockerfileReader() {}

  static List<Instruction> instructions(SourceFile file) {
    char escape = '\\';
    // A byte order mark (Windows editors write one) is not part of the first instruction; it stays
    // in the file's text, so a write keeps it.
    int bom = file.text().startsWith("\uFEFF") ? 1 : 0;
    int line = 1;
    // Directives end at the first line that is not one, including an empty line.
    for (; line <= file.lineCount(); line++) {
      Matcher m = DIRECTIVE.matcher(line == 1 ? file.line(line).substring(bom) : file.line(line));
      if (!m.matches()) {
        break;
      }
      if (m.group(1).toLowerCase(Locale.ROOT).equals("escape") && m.group(2).equals("`")) {
        escape = '`';
      }
    }
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    List<Integer> offsets = new ArrayList<>();
    int startLine = 0;
    for (line = 1; line <= file.lineCount(); line++) {
      String content = line == 1 ? file.line(line).substring(bom) : file.line(line);
      String stripped = content.strip();
      boolean continuing = startLine > 0;
      if (stripped.startsWith("#") || (continuing && stripped.isEmpty())) {
        continue;
      }
      if (!continuing && stripped.isEmpty()) {
        continue;
      }
      if (!continuing) {
        startLine = line;
      }
      int start = file.lineStart(line) + (line == 1 ? bom : 0);
      int end = start + content.stripTrailing().length();
      boolean continues = end > start && file.text().charAt(end - 1) == escape;
      int stop = continues ? end - 1 : end;
      for (int i = start; i < stop; i++) {
        text.append(file.text().charAt(i));
        offsets.add(i);
      }
      if (continues) {
        text.append(' ');
        offsets.add(stop);
      } else {
        instructions.add(
            new Instruction(
                text.toString(), offsets.stream().mapToInt(Integer::intValue).toArray(), startLine));
        text.setLength(0);
        offsets.clear();
        startLine = 0;
      }
    }
    if (startLine > 0) {
      instructions.add(
          new Instruction(
              text.toString(), offsets.stream().mapToInt(Integer::intValue).toArray(), startLine));
    }
    return instructions;
  }
}

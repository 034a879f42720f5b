package dev.refit.files;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides values that may be secrets in the context lines of a diff: files that pin images (a
 * {@code .env} above all, Kubernetes env lists, Terraform) often hold passwords a few lines away,
 * and a diff printed to a terminal or a CI log must not carry them. A value is masked when its key
 * names a secret ({@code DB_PASSWORD=...}, {@code apiToken: ...}), when it is the {@code value:}
 * of an env entry whose {@code name:} does, and credentials in URLs ({@code https://u:p@host}) are
 * masked anywhere. Masking errs on the side of hiding; the lines that change (the image lines) are
 * shown as they are.
 */
final class SecretMask {
  static final String MASK = "***";

  private static final String SECRET_WORD =
      "(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_.-]?key|access[_.-]?key|private[_.-]?key"
          + "|credential|auth|cert|salt|signature|dsn|connection[_.-]?string)";
  private static final Pattern SECRET_ASSIGNMENT =
      Pattern.compile(
          "(?i)^(\\s*(?:export\\s+)?(?:-\\s+)?[\"']?[\\w.-]*" + SECRET_WORD + "[\\w.-]*[\"']?\\s*[=:]\\s*)(\\S.*)$");
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i)^\\s*(?:-\\s+)?[\"']?name[\"']?\\s*:\\s*[\"']?[\\w.-]*" + SECRET_WORD);
  private static final Pattern VALUE_LINE =
      Pattern.compile("^(\\s*[\"']?value[\"']?\\s*:\\s*)(\\S.*)$");
  private static final Pattern URL_CREDENTIALS = Pattern.compile("://[^/\\s:@]+:[^/\\s@]+@");

  private SecretMask() {}

  /** The lines with secret-looking values replaced by {@link #MASK}. */
  static List<String> mask(List<String> lines) {
    List<String> masked = new ArrayList<>(lines.size());
    boolean previousNamesSecret = false;
    for (String line : lines) {
      String out = URL_CREDENTIALS.matcher(line).replaceAll("://" + MASK + "@");
      Matcher assignment = SECRET_ASSIGNMENT.matcher(out);
      Matcher value = VALUE_LINE.matcher(out);
      if (previousNamesSecret && value.matches()) {
        out = value.group(1) + MASK;
      } else if (assignment.matches() && !isOnlyANameOrBlock(assignment.group(2))) {
        out = assignment.group(1) + MASK;
      }
      previousNamesSecret = SECRET_NAME.matcher(line).find();
      masked.add(out);
    }
    return masked;
  }

  // "- name: DB_PASSWORD" names the secret; the value on the next line is what must be hidden.
  private static boolean isOnlyANameOrBlock(String value) {
    return value.equals("|") || value.equals(">") || value.equals("{") || value.startsWith("#");
  }
}

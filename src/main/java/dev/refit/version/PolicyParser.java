package dev.refit.version;

import static dev.refit.version.InvalidPolicyException.quote;

import java.util.Locale;

/** Reads the text form of a {@link VersionPolicy}. */
final class PolicyParser {
  private static final String ALLOWED =
      "allowed: digest, semver, semver:patch|minor|major|all, regex:<RE2 regex>";
  private static final String SEMVER = "semver";
  private static final String REGEX_PREFIX = RegexPolicy.PREFIX;

  private PolicyParser() {}

  static VersionPolicy parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidPolicyException("empty version policy; " + ALLOWED);
    }
    String trimmed = text.strip();
    String lower = trimmed.toLowerCase(Locale.ROOT);
    if (lower.equals(DigestPolicy.NAME)) {
      return new DigestPolicy();
    }
    if (lower.equals(SEMVER)) {
      return new SemverPolicy(SemverLevel.MINOR);
    }
    if (lower.startsWith(SEMVER + ":")) {
      return semver(trimmed, trimmed.substring(SEMVER.length() + 1).strip());
    }
    if (lower.startsWith(REGEX_PREFIX)) {
      return regex(trimmed, trimmed.substring(REGEX_PREFIX.length()).strip());
    }
    throw new InvalidPolicyException("unknown version policy " + quote(trimmed) + "; " + ALLOWED);
  }

  private static SemverPolicy semver(String policy, String level) {
    return SemverLevel.fromLabel(level)
        .map(SemverPolicy::new)
        .orElseThrow(
            () ->
                new InvalidPolicyException(
                    "unknown semver level "
                        + quote(level)
                        + " in version policy "
                        + quote(policy)
                        + "; allowed: patch, minor, major, all"));
  }

  private static RegexPolicy regex(String policy, String regex) {
    if (regex.isEmpty()) {
      throw new InvalidPolicyException(
          "version policy " + quote(policy) + " has no pattern; write regex:<RE2 regex>");
    }
    return new RegexPolicy(UserRegex.compile(regex, "version policy " + quote(policy)));
  }
}

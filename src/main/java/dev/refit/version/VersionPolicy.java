package dev.refit.version;

import java.util.Collection;
import java.util.Optional;

/**
 * How newer versions of an image are found.
 *
 * <p>Written as text in the {@code refit.policy} label: {@code digest}, {@code semver} (same as
 * {@code semver:minor}), {@code semver:patch|minor|major|all} or {@code regex:<RE2 regex>}.
 */
public sealed interface VersionPolicy permits DigestPolicy, SemverPolicy, RegexPolicy {

  /**
   * Reads a policy from its text form, ignoring surrounding blanks and the case of the keywords.
   *
   * @throws InvalidPolicyException if the text is blank, unknown, or holds a bad regex
   */
  static VersionPolicy parse(String text) {
    return PolicyParser.parse(text);
  }

  /** Does finding updates need the registry's tag list? */
  boolean listsTags();

  /**
   * Must the digest behind {@code currentTag} also be compared, because the tag itself may have
   * been re-pushed?
   */
  boolean checksDigest(String currentTag);

  /**
   * The best tag strictly newer than {@code currentTag} that the policy and {@code filter} allow,
   * or empty if there is none. Signature and attestation tags ({@code sha256-<hex>.sig} and the
   * like) are never returned.
   */
  Optional<String> newestTag(String currentTag, Collection<String> availableTags, TagFilter filter);

  /** The text form, which {@link #parse} reads back to an equal policy. */
  @Override
  String toString();
}

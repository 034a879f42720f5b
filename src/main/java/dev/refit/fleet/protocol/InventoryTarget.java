package dev.refit.fleet.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One thing the agent watches, as its last check saw it. Policy and mode travel as the agent's own
 * words (e.g. {@code semver-minor}, {@code auto}): the server shows them and never branches on
 * them, so a new policy on the agent needs no protocol change.
 *
 * <p>The plan's verdict, its reason and the last outcome came with protocol 1.1's agents; an older
 * agent's frame lacks them and reads as {@code null} (neither waiting nor failed), so its rows
 * still show, only without those counts.
 *
 * @param availableTag the newer tag the check found, or null when up to date
 * @param status the check's status: {@code up-to-date}, {@code update-available}, {@code error},
 *     {@code skipped}; null from an older agent
 * @param verdict what the gates let happen to the available update: {@code apply}, {@code report},
 *     {@code wait}, {@code await-approval}; null when nothing is available (or an older agent)
 * @param reason why it waits or why the check failed, in the agent's words, or null
 * @param retryAt when waiting may be over, or null
 * @param lastOutcome how the target's newest update attempt ended: {@code applied}, {@code
 *     rolled-back}, {@code failed}, {@code broken}, {@code recovered}; null when none is known
 */
public record InventoryTarget(
    TargetKind kind,
    String name,
    String image,
    String currentTag,
    String currentDigest,
    @Nullable String availableTag,
    String policy,
    String mode,
    @Nullable String status,
    @Nullable String verdict,
    @Nullable String reason,
    @Nullable Instant retryAt,
    @Nullable String lastOutcome) {
  private static final Set<String> WAITING = Set.of("wait", "await-approval");
  private static final Set<String> FAILURES = Set.of("rolled-back", "failed", "broken");

  @JsonCreator
  public InventoryTarget {
    Fields.required(kind, "kind");
    Fields.text(name, "name");
    Fields.text(image, "image");
    Fields.text(currentTag, "currentTag");
    Fields.text(currentDigest, "currentDigest");
    Fields.text(policy, "policy");
    Fields.text(mode, "mode");
  }

  /** A row as protocol 1.0 knew it: no status, verdict or outcome. */
  public InventoryTarget(
      TargetKind kind,
      String name,
      String image,
      String currentTag,
      String currentDigest,
      @Nullable String availableTag,
      String policy,
      String mode) {
    this(kind, name, image, currentTag, currentDigest, availableTag, policy, mode, null, null, null, null, null);
  }

  /** Whether an available update waits: for its minimum age, a window, or an approval. */
  public boolean waiting() {
    return verdict != null && WAITING.contains(verdict);
  }

  /** Whether the check failed or the newest update attempt did. */
  public boolean failing() {
    return "error".equals(status) || (lastOutcome != null && FAILURES.contains(lastOutcome));
  }
}

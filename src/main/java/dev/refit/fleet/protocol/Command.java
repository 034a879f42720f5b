package dev.refit.fleet.protocol;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Work the server asks of an agent. The agent applies a command id at most once (campaign commands
 * are {@code <campaignId>/<environment>}); a replay is acknowledged again, not re-run.
 *
 * <p>One record with an {@link Action} rather than a type per action keeps the wire flat; the
 * constructor enforces which fields each action needs, so a malformed command never reaches the
 * pipeline. Build one with the factory methods.
 *
 * @param targets APPLY: the target names (not empty); empty for the others
 * @param tag APPLY: an exact tag to go to, or null for the newest the policy allows
 * @param approvalId APPROVE: the pending approval
 * @param image UPGRADE_AGENT: the image reference to run the agent from
 */
public record Command(
    String id,
    Action action,
    List<String> targets,
    @Nullable String tag,
    @Nullable String approvalId,
    @Nullable String image)
    implements Message {
  /** Ids are stored and logged by the agent; a cap keeps a hostile server from bloating both. */
  public static final int MAX_ID_LENGTH = 256;

  public Command {
    Fields.text(id, "id");
    if (id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException("field 'id' is longer than " + MAX_ID_LENGTH);
    }
    Fields.required(action, "action");
    targets = targets == null ? List.of() : Fields.list(targets, "targets");
    switch (action) {
      case CHECK_NOW -> onlyFields(action, targets, tag, approvalId, image, false, false, false);
      case APPLY -> {
        if (targets.isEmpty()) {
          throw new IllegalArgumentException("APPLY needs field 'targets' (not empty)");
        }
        onlyFields(action, targets, tag, approvalId, image, true, false, false);
      }
      case APPROVE -> {
        Fields.text(approvalId, "approvalId");
        onlyFields(action, targets, tag, approvalId, image, false, true, false);
      }
      case UPGRADE_AGENT -> {
        Fields.text(image, "image");
        onlyFields(action, targets, tag, approvalId, image, false, false, true);
      }
    }
  }

  public static Command checkNow(String id) {
    return new Command(id, Action.CHECK_NOW, List.of(), null, null, null);
  }

  public static Command apply(String id, List<String> targets, @Nullable String tag) {
    return new Command(id, Action.APPLY, targets, tag, null, null);
  }

  public static Command approve(String id, String approvalId) {
    return new Command(id, Action.APPROVE, List.of(), null, approvalId, null);
  }

  public static Command upgradeAgent(String id, String image) {
    return new Command(id, Action.UPGRADE_AGENT, List.of(), null, null, image);
  }

  @Override
  public MessageType type() {
    return MessageType.COMMAND;
  }

  /**
   * A field meant for another action is refused rather than ignored: an APPROVE carrying targets
   * means the server and agent disagree about the protocol, and guessing would act on the wrong
   * thing.
   */
  private static void onlyFields(
      Action action,
      List<String> targets,
      @Nullable String tag,
      @Nullable String approvalId,
      @Nullable String image,
      boolean targetsAndTag,
      boolean approval,
      boolean withImage) {
    if (!targetsAndTag && (!targets.isEmpty() || tag != null)) {
      throw new IllegalArgumentException(action + " takes no 'targets' or 'tag'");
    }
    if (!approval && approvalId != null) {
      throw new IllegalArgumentException(action + " takes no 'approvalId'");
    }
    if (!withImage && image != null) {
      throw new IllegalArgumentException(action + " takes no 'image'");
    }
  }
}

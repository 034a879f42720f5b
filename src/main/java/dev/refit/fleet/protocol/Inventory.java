package dev.refit.fleet.protocol;

import java.time.Instant;
import java.util.List;

/**
 * Everything the agent watches, sent whole after each check (not as a diff, so a lost frame heals
 * with the next one).
 */
public record Inventory(Instant checkedAt, List<InventoryTarget> targets) implements Message {
  public Inventory {
    Fields.required(checkedAt, "checkedAt");
    targets = Fields.list(targets, "targets");
  }

  @Override
  public MessageType type() {
    return MessageType.INVENTORY;
  }
}

package dev.refit.rollout.container;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a data-safe update ({@code refit.backup=volumes}) does with the updated container's
 * volumes, journaled with the plan: which snapshot volume each is copied to once the old container
 * stopped, and which kept snapshot each gets its data from (a rollback with data).
 *
 * @param helper the data helper that copies
 * @param snapshots each volume of the updated container, with the snapshot volume it is copied to
 * @param restoreFrom for a rollback with data: each volume with the kept snapshot volume whose data
 *     it gets after the snapshot; empty for an update
 * @param keep how many snapshots of this container are kept after a successful update
 * @param taken when the snapshots are taken (their label, the same for all volumes of one update)
 */
record BackupPlan(
    DataHelper helper,
    Map<String, String> snapshots,
    Map<String, String> restoreFrom,
    int keep,
    String taken) {

  BackupPlan {
    snapshots = Collections.unmodifiableMap(new LinkedHashMap<>(snapshots));
    restoreFrom = restoreFrom == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(restoreFrom));
  }

  BackupPlan restoring(Map<String, String> from) {
    return new BackupPlan(helper, snapshots, from, keep, taken);
  }
}

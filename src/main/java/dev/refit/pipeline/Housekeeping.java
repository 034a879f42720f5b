package dev.refit.pipeline;

import dev.refit.rollout.RecoveryResult;
import dev.refit.store.JournalEntry;
import java.util.List;

/**
 * What a cycle settled before it looked at any target.
 *
 * @param recovered updates a killed run left unfinished, completed or undone
 * @param pendingRecovery unfinished updates left alone (dry run)
 * @param tidied what earlier runs left on purpose and this one removed (self-update helpers)
 */
public record Housekeeping(List<RecoveryResult> recovered, List<JournalEntry> pendingRecovery, List<String> tidied) {
  public Housekeeping {
    recovered = List.copyOf(recovered);
    pendingRecovery = List.copyOf(pendingRecovery);
    tidied = List.copyOf(tidied);
  }

  public static Housekeeping none() {
    return new Housekeeping(List.of(), List.of(), List.of());
  }
}

package dev.refit.pipeline;

import dev.refit.target.Target;
import java.util.List;

/** The inventory step: every target Refit looks after right now, of every kind it knows. */
@FunctionalInterface
public interface TargetInventory {
  List<Target> discover();
}

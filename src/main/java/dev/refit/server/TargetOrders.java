package dev.refit.server;

import dev.refit.check.CheckStatus;
import dev.refit.pipeline.CycleReport;
import dev.refit.pipeline.CycleRequest;
import dev.refit.pipeline.TargetReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The API's orders to named targets (apply, apply a version, roll back): one cycle through the
 * runner, awaited, and one answer per target. Shared by the endpoints so each says the same
 * things the same way.
 */
final class TargetOrders {
  private static final long WAIT_MINUTES = 15;

  private final CycleRunner cycles;

  TargetOrders(CycleRunner cycles) {
    this.cycles = cycles;
  }

  /**
   * Runs the request and answers for each of {@code names}.
   *
   * @param exact whether the request names an exact image: then a target that cannot take it (an
   *     unknown tag, a refused downgrade, no digest to go back to) is a 422 with the reason, not an
   *     answer without an outcome
   * @throws ApiError 404 for a name no target has, 503 when the cycle could not run
   */
  List<Map<String, Object>> run(CycleRequest request, Set<String> names, boolean exact) {
    CycleReport report = await(cycles.submit(request));
    if (report.error() != null) {
      throw new ApiError(503, report.error());
    }
    List<Map<String, Object>> results = new ArrayList<>();
    for (String name : names) {
      TargetReport t =
          report.targets().stream()
              .filter(r -> r.check().target().name().equals(name))
              .findFirst()
              .orElseThrow(() -> new ApiError(404, "no target named '" + name + "'"));
      if (exact && t.outcome() == null && t.check().status() == CheckStatus.ERROR) {
        throw new ApiError(422, name + ": " + t.check().reason());
      }
      if (t.outcome() != null) {
        results.add(ApiViews.outcome(t));
      } else {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", name);
        m.put("outcome", "none");
        String held = t.plan() == null ? null : t.plan().reason();
        m.put(
            "message",
            held != null ? held : t.check().reason() != null ? t.check().reason() : t.check().status().text());
        results.add(m);
      }
    }
    return results;
  }

  static CycleReport await(CompletableFuture<CycleReport> cycle) {
    try {
      return cycle.get(WAIT_MINUTES, TimeUnit.MINUTES);
    } catch (TimeoutException e) {
      throw new ApiError(504, "the cycle did not finish within " + WAIT_MINUTES + " minutes; see /api/targets later");
    } catch (ExecutionException e) {
      throw new ApiError(500, "the cycle failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(503, "interrupted");
    } catch (CancellationException e) {
      throw new ApiError(503, "Refit is shutting down");
    }
  }
}

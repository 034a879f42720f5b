package dev.refit.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.http.server.Context;
import dev.refit.http.server.Routes;
import dev.refit.pipeline.CycleRequest;
import dev.refit.pipeline.Rollbacks;
import dev.refit.store.UpdateHistory;
import java.util.Set;

/**
 * {@code POST /api/targets/{name}/rollback}, optionally with {@code {"historyId": 12, "withData": true}}: puts the
 * target back on the image, by digest, that the history says it ran, through the one pipeline, as
 * {@code refit rollback} does.
 */
final class RollbackRoutes implements RouteGroup {
  private final Rollbacks rollbacks;
  private final TargetOrders orders;

  RollbackRoutes(UpdateHistory history, CycleRunner cycles) {
    this.rollbacks = new Rollbacks(history);
    this.orders = new TargetOrders(cycles);
  }

  @Override
  public void addTo(Routes routes) {
    routes.post("/api/targets/{name}/rollback", this::rollback);
  }

  private void rollback(Context ctx) {
    String name = ctx.pathParam("name");
    JsonNode body = ApiErrors.body(ctx);
    String example = "{\"historyId\": 12, \"withData\": true}";
    ApiErrors.onlyFields(body, Set.of("historyId", "withData"), example);
    Long historyId = ApiErrors.number(body, "historyId", example);
    boolean withData = ApiErrors.flag(body, "withData");
    CycleRequest request;
    try {
      request = rollbacks.request(name, historyId, withData, "api:rollback");
    } catch (IllegalArgumentException e) {
      throw new ApiError(422, e.getMessage());
    }
    ApiServer.json(ctx, 200, orders.run(request, Set.of(name), true).get(0));
  }
}

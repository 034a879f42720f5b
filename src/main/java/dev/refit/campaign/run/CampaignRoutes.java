package dev.refit.campaign.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.refit.http.server.Context;
import dev.refit.http.server.Handler;
import dev.refit.http.server.Routes;
import dev.refit.server.RouteGroup;
import java.util.Map;

/**
 * {@code /api/campaigns}: create, list, show, cancel. Behind the API's authentication (the path is
 * under {@code /api/}); errors are {@code {"error": "..."}} with the status a {@link CampaignError}
 * carries.
 */
public final class CampaignRoutes implements RouteGroup {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CampaignRunner runner;

  public CampaignRoutes(CampaignRunner runner) {
    this.runner = runner;
  }

  @Override
  public void addTo(Routes routes) {
    routes.post("/api/campaigns", answering(this::create));
    routes.get("/api/campaigns", answering(ctx -> json(ctx, 200, Map.of("campaigns", runner.all().stream().map(CampaignViews::summary).toList()))));
    routes.get("/api/campaigns/{id}", answering(ctx -> json(ctx, 200, CampaignViews.detail(
        runner.find(ctx.pathParam("id")).orElseThrow(() -> new CampaignError(404, "no campaign '" + ctx.pathParam("id") + "'"))))));
    routes.post("/api/campaigns/{id}/cancel", answering(ctx -> json(ctx, 200, CampaignViews.detail(runner.cancel(ctx.pathParam("id"))))));
  }

  private void create(Context ctx) throws JsonProcessingException {
    JsonNode body;
    try {
      body = JSON.readTree(ctx.body());
    } catch (JsonProcessingException e) {
      throw new CampaignError(400, "the body is not valid JSON");
    }
    if (body == null) {
      throw new CampaignError(400, "the body is empty; send the campaign as JSON");
    }
    String caller = "api:" + ctx.attribute("caller");
    json(ctx, 201, CampaignViews.detail(runner.create(CampaignRequests.parse(body), caller)));
  }

  /** The handler, with a refused campaign request answered in the API's error form. */
  private static Handler answering(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (CampaignError e) {
        json(ctx, e.status(), Map.of("error", String.valueOf(e.getMessage())));
      }
    };
  }

  private static void json(Context ctx, int status, Object body) throws JsonProcessingException {
    ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
  }
}

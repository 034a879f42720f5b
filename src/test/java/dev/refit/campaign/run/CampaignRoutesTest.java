package dev.refit.campaign.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/campaigns} over real HTTP (Refit's server on loopback), the runner on a fake fleet. */
class CampaignRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  @TempDir Path stateDir;
  private FakeFleet fleet;
  private CampaignServer server;
  private String base;

  @BeforeEach
  void serve() {
    fleet = new FakeFleet().add("edge-1", true, Set.of("edge"), "nginx:1.25").add("edge-2", false, Set.of("edge"));
    server = new CampaignServer(stateDir, fleet);
    base = server.base();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void createListShowCancel() throws Exception {
    HttpResponse<String> created =
        call("POST", "/api/campaigns",
            "{\"action\": \"upgrade-agent\", \"image\": \"127.0.0.1:5000/refit:1.1.0\", \"labels\": [\"edge\"],"
                + " \"batchSize\": 2, \"soak\": \"5m\", \"deadline\": \"2h\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode c = JSON.readTree(created.body());
    assertThat(c.path("id").asText()).isEqualTo("c-1");
    assertThat(c.path("action").asText()).isEqualTo("upgrade-agent");
    assertThat(c.path("phase").asText()).isEqualTo("running");
    assertThat(c.path("strategy").path("deadline").asText()).isEqualTo("2h");
    assertThat(c.path("environments").get(0).path("state").asText()).isEqualTo("dispatched");
    assertThat(c.path("environments").get(0).path("commandId").asText()).isEqualTo("c-1/edge-1");
    assertThat(c.path("environments").get(1).path("state").asText()).isEqualTo("waiting");

    JsonNode list = JSON.readTree(call("GET", "/api/campaigns", null).body());
    assertThat(list.path("campaigns")).hasSize(1);
    assertThat(list.path("campaigns").get(0).path("counts").path("waiting").asInt()).isEqualTo(1);

    fleet.report("edge-1", "c-1/edge-1", false, "rolled back: new agent exited 1");
    JsonNode shown = JSON.readTree(call("GET", "/api/campaigns/c-1", null).body());
    assertThat(shown.path("phase").asText()).isEqualTo("halted");
    assertThat(shown.path("environments").get(0).path("message").asText()).isEqualTo("rolled back: new agent exited 1");
    assertThat(shown.path("environments").get(0).path("logTail").asText()).isEqualTo("tail of edge-1");
    assertThat(shown.path("environments").get(1).path("state").asText()).isEqualTo("not-started");

    HttpResponse<String> again = call("POST", "/api/campaigns/c-1/cancel", null);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(again.body()).path("error").asText()).isEqualTo("campaign c-1 is already halted");
    assertThat(call("GET", "/api/campaigns/nope", null).statusCode()).isEqualTo(404);
  }

  @Test
  void badRequestsAreRefusedWithOneLine() throws Exception {
    String[][] cases = {
      {"{\"action\": \"apply\", \"image\": \"nginx\", \"all\": true, \"batch\": 2}", "unknown field 'batch'"},
      {"{\"action\": \"reboot\", \"image\": \"nginx\", \"all\": true}", "action 'reboot' is not one of upgrade-agent, apply"},
      {"{\"action\": \"apply\", \"image\": \"nginx\"}", "select the environments one way: all, by labels, or by names"},
      {"{\"action\": \"apply\", \"image\": \"nginx\", \"all\": true, \"soak\": \"soon\"}", "soak 'soon' is not a duration"},
      {"{\"action\": \"apply\", \"image\": \"nginx\", \"all\": true, \"batchSize\": 0}", "batch size must be at least 1"},
      {"{\"action\": \"upgrade-agent\", \"image\": \"Not An Image\", \"all\": true}", "Not An Image"},
      {"[1]", "the body must be a JSON object"},
      {"{", "the body is not valid JSON"},
    };
    for (String[] c : cases) {
      HttpResponse<String> r = call("POST", "/api/campaigns", c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).path("error").asText()).as(c[0]).contains(c[1]);
    }
    assertThat(fleet.sent).isEmpty();
  }
}

package dev.refit.docker.swarm;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.refit.docker.DockerEngineException;
import dev.refit.docker.EngineApi;
import dev.refit.docker.EngineApiException;
import dev.refit.docker.EngineMessages;
import dev.refit.docker.RegistryAuth;
import dev.refit.docker.StdStreams;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link SwarmApi} over the Engine API of one manager. The engine's refusals become {@link
 * DockerEngineException}s naming what was asked, of which engine, in the engine's own words.
 */
public final class EngineSwarmApi implements SwarmApi {

  private final EngineApi api;
  private final String host;

  /**
   * @param host the engine's address, for messages
   */
  public EngineSwarmApi(EngineApi api, String host) {
    this.api = api;
    this.host = host;
  }

  @Override
  public String host() {
    return host;
  }

  @Override
  public boolean isManager() {
    return membership() == SwarmMembership.MANAGER;
  }

  /**
   * Where this engine stands in a swarm. {@code GET /swarm} answers on a manager only, and refuses
   * at once elsewhere, saying why; {@code /info}, the other way to tell, counts every container and
   * image first (~35 ms on a host with 200 containers) and is the section a socket proxy denies by
   * default. A refusal in other words (a locked swarm, a manager without a leader) is settled by
   * {@code /info} as before.
   */
  public SwarmMembership membership() {
    try {
      api.get("/swarm");
      return SwarmMembership.MANAGER;
    } catch (EngineApiException e) {
      Optional<SwarmMembership> refused = SwarmMembership.fromRefusal(e.status(), e.getMessage());
      if (refused.isPresent()) {
        return refused.get();
      }
    } catch (UncheckedIOException e) {
      // the engine did not answer: /info below says so in the usual words
    }
    return SwarmMembership.fromInfo(call("read the engine's info", () -> api.get("/info")).path("Swarm"));
  }

  @Override
  public String apiVersion() {
    return call("read the engine's version", () -> api.get("/version")).path("ApiVersion").asText("");
  }

  @Override
  public List<ServiceSnapshot> services() {
    List<ServiceSnapshot> services = new ArrayList<>();
    call("list services", () -> api.get("/services")).forEach(s -> services.add(ServiceSnapshot.from(s)));
    return services;
  }

  @Override
  public ServiceSnapshot service(String idOrName) {
    return ServiceSnapshot.from(
        call("inspect service " + idOrName, () -> api.get("/services/" + EngineApi.encode(idOrName))));
  }

  @Override
  public void updateService(String id, long version, ObjectNode spec, Optional<RegistryAuth> auth) {
    post(id, version, "", spec, RegistryAuth.headers(auth), "update service " + name(spec, id));
  }

  @Override
  public void rollbackService(String id, long version, ObjectNode spec) {
    post(id, version, "&rollback=previous", spec, Map.of(), "roll back service " + name(spec, id));
  }

  private void post(
      String id,
      long version,
      String extraQuery,
      ObjectNode spec,
      Map<String, String> headers,
      String what) {
    String path = "/services/" + EngineApi.encode(id) + "/update?version=" + version + extraQuery;
    try {
      call(what, () -> api.send("POST", path, spec, headers));
    } catch (DockerEngineException e) {
      if (isVersionConflict(e)) {
        throw new ServiceVersionConflictException(e.getMessage());
      }
      throw e;
    }
  }

  /**
   * Swarm answers a stale version with {@code update out of sequence}: HTTP 500 on Engine 20.10,
   * 409 on some others.
   */
  static boolean isVersionConflict(DockerEngineException e) {
    return e.status() == 409
        || (e.status() == 500 && e.getMessage() != null && e.getMessage().contains("out of sequence"));
  }

  @Override
  public String createService(ObjectNode spec, Optional<RegistryAuth> auth) {
    JsonNode created =
        call(
            "create service " + spec.path("Name").asText(),
            () -> api.send("POST", "/services/create", spec, RegistryAuth.headers(auth)));
    return created.path("ID").asText();
  }

  @Override
  public void removeService(String id) {
    try {
      call("remove service " + id, () -> api.send("DELETE", "/services/" + EngineApi.encode(id), null));
    } catch (DockerEngineException e) {
      if (e.status() != 404) {
        throw e;
      }
    }
  }

  @Override
  public List<SwarmTask> tasks(String serviceId) {
    List<SwarmTask> tasks = new ArrayList<>();
    call("list the tasks of service " + serviceId,
            () -> api.get("/tasks?filters=" + filter("service", serviceId)))
        .forEach(t -> tasks.add(SwarmTask.from(t)));
    return tasks;
  }

  @Override
  public List<SwarmNode> nodes() {
    List<SwarmNode> nodes = new ArrayList<>();
    call("list swarm nodes", () -> api.get("/nodes")).forEach(n -> nodes.add(SwarmNode.from(n)));
    return nodes;
  }

  /**
   * A {@code filters} parameter: {@code {"name": ["value"]}}, encoded. Written by hand: a JSON
   * tree's toString sets up a whole ObjectMapper, the slowest step of a short command.
   */
  private static String filter(String name, String value) {
    JsonStringEncoder quote = JsonStringEncoder.getInstance();
    return EngineApi.encode(
        "{\"" + new String(quote.quoteAsString(name)) + "\":[\"" + new String(quote.quoteAsString(value)) + "\"]}");
  }

  /** Runs one request; a refusal or silence of the engine becomes one line naming what and where. */
  private <T> T call(String what, Supplier<T> request) {
    try {
      return request.get();
    } catch (EngineApiException e) {
      throw new DockerEngineException(
          "cannot " + what + " on " + host + ": " + EngineMessages.of(e), e.status());
    } catch (UncheckedIOException e) {
      throw new DockerEngineException(
          "cannot " + what + " on " + host + ": the engine did not answer (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public String taskLogs(String taskId, int tail) {
    byte[] stream =
        call(
            "read the logs of task " + taskId,
            () ->
                api.getBytes(
                    "/tasks/" + EngineApi.encode(taskId)
                        + "/logs?stdout=1&stderr=1&timestamps=1&tail=" + tail));
    return inTimeOrder(demultiplex(stream));
  }

  /** Task logs without their frame headers (see {@link StdStreams}). */
  static String demultiplex(byte[] stream) {
    try {
      return StdStreams.demultiplex(new ByteArrayInputStream(stream));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // not from memory
    }
  }

  /**
   * Stdout and stderr arrive as two streams, one after the other; the timestamp the engine put
   * before each line restores the order in which the command wrote them. The timestamps go.
   */
  static String inTimeOrder(String timestamped) {
    record Line(Instant at, int index, String text) {}
    List<Line> lines = new ArrayList<>();
    String[] raw = timestamped.split("\n", -1);
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i];
      if (line.isEmpty() && i == raw.length - 1) {
        break;
      }
      int space = line.indexOf(' ');
      Instant at = Instant.MAX;
      String text = line;
      if (space > 0) {
        try {
          at = Instant.parse(line.substring(0, space));
          text = line.substring(space + 1);
        } catch (DateTimeParseException notATimestamp) {
          // a continuation of a long line, or no timestamps: keep it as it is, where it is
          at = lines.isEmpty() ? Instant.MIN : lines.get(lines.size() - 1).at();
        }
      }
      lines.add(new Line(at, i, text));
    }
    lines.sort(Comparator.comparing(Line::at).thenComparing(Line::index));
    StringBuilder out = new StringBuilder();
    lines.forEach(l -> out.append(l.text()).append('\n'));
    return out.toString();
  }

  private static String name(ObjectNode spec, String id) {
    return spec.path("Name").asText(id);
  }
}

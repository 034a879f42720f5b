package dev.refit.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A reverse proxy on 127.0.0.1 in front of a real registry that injects {@link Fault}s: tests see a
 * registry answering 429, 500, garbage or slowly while the real one stays behind it.
 *
 * <p>Forwards method, path and query, headers (Authorization included) and body; passes status,
 * headers (Www-Authenticate, Link, Docker-Content-Digest, ...) and body back, with absolute
 * {@code Location}/{@code Link} URLs of the registry rewritten to the proxy. Faults apply in the
 * order injected; the first one that selects a request and has applications left wins. Every
 * request is recorded (see {@link #requests()}, {@link #count}).
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start(env.registry())) {
 *   proxy.inject(Fault.tooManyRequests(Duration.ofSeconds(1)).on("HEAD", ".*manifests.*").times(1));
 *   // point the code under test at proxy.address()
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {

  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "content-length", "expect", "host", "upgrade", "keep-alive",
          "proxy-connection", "te", "trailer", "transfer-encoding", "date");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String upstream;
  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient client;
  private final List<ActiveFault> faults = new ArrayList<>();
  private final List<ProxiedRequest> requests = new CopyOnWriteArrayList<>();

  private FaultProxy(String upstream) throws IOException {
    this.upstream = upstream;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newCachedThreadPool(TokenServer.daemonThreads());
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A proxy in front of the registry at {@code host:port} (e.g. {@code env.registry()}). */
  public static FaultProxy start(String upstreamHostPort) {
    try {
      return new FaultProxy(upstreamHostPort);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start fault proxy", e);
    }
  }

  /** {@code 127.0.0.1:<port>}, usable as the registry part of an image reference. */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  public URI baseUri() {
    return URI.create("http://" + address());
  }

  /** Adds a fault after those injected before; returns this proxy. */
  public FaultProxy inject(Fault fault) {
    synchronized (faults) {
      faults.add(new ActiveFault(fault));
    }
    return this;
  }

  /** Removes every fault: requests pass through unchanged. */
  public void clearFaults() {
    synchronized (faults) {
      faults.clear();
    }
  }

  /** Every request so far (since start or {@link #resetCounts()}), oldest first. */
  public List<ProxiedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Number of requests with this method whose path matches the regular expression. */
  public int count(String method, String pathRegex) {
    return (int) requests.stream()
        .filter(r -> r.method().equalsIgnoreCase(method) && r.path().matches(pathRegex))
        .count();
  }

  /** Requests per (method, path), in order of first appearance. */
  public Map<ProxiedRequest.Key, Integer> counts() {
    Map<ProxiedRequest.Key, Integer> counts = new LinkedHashMap<>();
    for (ProxiedRequest request : requests) {
      counts.merge(request.key(), 1, Integer::sum);
    }
    return counts;
  }

  /** Forgets the recorded requests (faults and their remaining applications stay). */
  public void resetCounts() {
    requests.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    int status = 502;
    Fault fault = null;
    boolean recorded = false;
    try {
      byte[] requestBody = exchange.getRequestBody().readAllBytes();
      fault = claimFault(method, path);
      Fault.Action action = fault == null ? null : fault.action();
      if (action instanceof Fault.Respond respond) {
        status = respond.status();
        respond.headers().forEach(exchange.getResponseHeaders()::set);
        recorded = record(method, path, query, status, fault);
        send(exchange, status, respond.body().getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (action instanceof Fault.Delay delay) {
        Thread.sleep(delay.delay().toMillis());
      }
      HttpResponse<byte[]> response;
      try {
        response = forward(method, exchange, requestBody);
      } catch (IOException e) {
        status = 502;
        recorded = record(method, path, query, status, fault);
        send(exchange, status, ("{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"fault proxy: "
            + "upstream " + upstream + " failed: " + e + "\"}]}").getBytes(StandardCharsets.UTF_8));
        return;
      }
      status = response.statusCode();
      Headers out = exchange.getResponseHeaders();
      response.headers().map().forEach((name, values) -> {
        String lower = name.toLowerCase(Locale.ROOT);
        boolean keepLength = lower.equals("content-length") && method.equals("HEAD");
        if (lower.startsWith(":") || (HOP_BY_HOP.contains(lower) && !keepLength)) {
          return;
        }
        if (action instanceof Fault.DropHeader drop && lower.equalsIgnoreCase(drop.header())) {
          return;
        }
        for (String value : values) {
          out.add(name, lower.equals("location") || lower.equals("link") ? rewrite(value) : value);
        }
      });
      byte[] body = response.body();
      if (action instanceof Fault.GarbageBody garbage) {
        body = garbage.body().getBytes(StandardCharsets.UTF_8);
      }
      if (action instanceof Fault.PaginateTags paginate && status == 200) {
        body = paginate(paginate, path, query, body, out);
      }
      recorded = record(method, path, query, status, fault);
        send(exchange, status, body);
    } catch (IOException e) {
      // the client went away (e.g. timed out during a delay)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (!recorded) {
        record(method, path, query, status, fault);
      }
      exchange.close();
    }
  }

  /** Recorded before the answer goes out, so a client that has its answer finds it counted. */
  private boolean record(String method, String path, String query, int status, Fault fault) {
    requests.add(new ProxiedRequest(method, path, query == null ? "" : query, status,
        fault != null));
    return true;
  }

  private Fault claimFault(String method, String path) {
    synchronized (faults) {
      for (ActiveFault active : faults) {
        if (active.fault.selects(method, path)
            && (active.fault.times() == Fault.ALWAYS || active.applied < active.fault.times())) {
          active.applied++;
          return active.fault;
        }
      }
      return null;
    }
  }

  private HttpResponse<byte[]> forward(String method, HttpExchange exchange, byte[] body)
      throws IOException, InterruptedException {
    URI target = URI.create("http://" + upstream + exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null
            ? "" : "?" + exchange.getRequestURI().getRawQuery()));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofMinutes(2))
            .method(method, body.length == 0
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
    exchange.getRequestHeaders().forEach((name, values) -> {
      if (HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
        return;
      }
      for (String value : values) {
        try {
          request.header(name, value);
        } catch (IllegalArgumentException restricted) {
          // a header java.net.http sets itself
        }
      }
    });
    // The registry builds absolute URLs from these; the proxy rewrites what remains.
    request.header("X-Forwarded-Host", address());
    request.header("X-Forwarded-Proto", "http");
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] paginate(Fault.PaginateTags paginate, String path, String query,
      byte[] body, Headers out) throws IOException {
    Map<String, String> params = new LinkedHashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(pair.substring(0, eq),
              java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    int n = params.containsKey("n") ? Integer.parseInt(params.get("n")) : paginate.pageSize();
    ObjectNode list = (ObjectNode) JSON.readTree(body);
    List<String> tags = new ArrayList<>();
    list.path("tags").forEach(tag -> tags.add(tag.asText()));
    int from = params.containsKey("last") ? tags.indexOf(params.get("last")) + 1 : 0;
    List<String> page = tags.subList(Math.min(from, tags.size()), Math.min(from + n, tags.size()));
    ArrayNode pageNode = list.putArray("tags");
    page.forEach(pageNode::add);
    out.remove("Link");
    if (from + n < tags.size()) {
      out.set("Link", "<" + path + "?last="
          + java.net.URLEncoder.encode(page.get(page.size() - 1), StandardCharsets.UTF_8)
          + "&n=" + n + ">; rel=\"next\"");
    }
    return JSON.writeValueAsBytes(list);
  }

  private String rewrite(String headerValue) {
    return headerValue.replace("http://" + upstream, "http://" + address());
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    boolean noBody = exchange.getRequestMethod().equals("HEAD") || status == 204 || status == 304
        || body.length == 0;
    exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
    if (!noBody) {
      exchange.getResponseBody().write(body);
    }
  }

  private static final class ActiveFault {
    private final Fault fault;
    private int applied;

    private ActiveFault(Fault fault) {
      this.fault = fault;
    }
  }
}

package dev.refit.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The token endpoint of a registry with {@code auth: token}, as a JDK HttpServer on 127.0.0.1.
 *
 * <p>Signs RS256 JWTs with a self-signed RSA key made by {@code openssl req -x509}; the JWT header
 * carries {@code x5c} with the certificate, which is the {@code rootcertbundle} of the registry
 * ({@link RegistryProcess.Builder#tokenAuth(TokenServer)}). Claims: {@code iss}, {@code sub},
 * {@code aud} (= service), {@code exp}, {@code nbf}, {@code iat}, {@code jti} and {@code access}
 * built from the requested {@code scope}s ({@code repository:<name>:pull,push}).
 *
 * <p>{@code GET /token?service=..&scope=..} requires HTTP Basic with configured credentials (401
 * for wrong or missing ones), unless anonymous pull is allowed (then anonymous requests get {@code
 * pull} only). {@code POST /token} (OAuth2 {@code grant_type=password}) is supported too. Answers
 * {@code {"token", "expires_in", "issued_at"}} or, when configured, {@code access_token} instead
 * of {@code token}.
 */
public final class TokenServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> GRANTABLE = Set.of("pull", "push", "delete", "*");

  private final HttpServer server;
  private final ExecutorService executor;
  private final String service;
  private final String issuer;
  private final Map<String, String> users;
  private final boolean anonymousPull;
  private final boolean accessTokenField;
  private final Duration lifetime;
  private final Path certificatePem;
  private final PrivateKey key;
  private final String x5c;
  private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();

  private TokenServer(Builder builder, Path dir) throws IOException, GeneralSecurityException {
    this.service = builder.service;
    this.issuer = builder.issuer;
    this.users = Map.copyOf(builder.users);
    this.anonymousPull = builder.anonymousPull;
    this.accessTokenField = builder.accessTokenField;
    this.lifetime = builder.lifetime;
    this.certificatePem = dir.resolve("token-cert.pem");
    Path keyPem = dir.resolve("token-key.pem");
    openssl(
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2",
        "-subj", "/CN=" + issuer, "-keyout", keyPem.toString(), "-out", certificatePem.toString());
    this.key = readPkcs8Key(keyPem);
    X509Certificate cert;
    try (InputStream in = Files.newInputStream(certificatePem)) {
      cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    this.x5c = Base64.getEncoder().encodeToString(cert.getEncoded());
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newCachedThreadPool(daemonThreads());
    server.setExecutor(executor);
    server.createContext("/token", this::handle);
    server.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code http://127.0.0.1:<port>/token}: the registry's {@code realm}. */
  public String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  public String service() {
    return service;
  }

  public String issuer() {
    return issuer;
  }

  /** The certificate whose key signs the tokens: the registry's {@code rootcertbundle}. */
  public Path certificatePem() {
    return certificatePem;
  }

  /** Requests answered so far (including refused ones), oldest first. */
  public List<TokenRequest> requests() {
    return List.copyOf(requests);
  }

  public int requestCount() {
    return requests.size();
  }

  public void resetRequests() {
    requests.clear();
  }

  /** Signs a token for this subject with this access; {@code lifetime} may be negative (expired). */
  public String issueToken(String subject, List<TokenAccess> access, Duration lifetime) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
    header.putArray("x5c").add(x5c);
    ObjectNode claims =
        JSON.createObjectNode()
            .put("iss", issuer)
            .put("sub", subject)
            .put("aud", service)
            .put("exp", now.plus(lifetime).getEpochSecond())
            .put("nbf", now.minusSeconds(10).getEpochSecond())
            .put("iat", now.getEpochSecond())
            .put("jti", UUID.randomUUID().toString());
    ArrayNode accessNode = claims.putArray("access");
    for (TokenAccess entry : access) {
      ObjectNode node = accessNode.addObject().put("type", entry.type()).put("name", entry.name());
      entry.actions().forEach(node.putArray("actions")::add);
    }
    try {
      String signingInput = base64Url(JSON.writeValueAsBytes(header)) + "."
          + base64Url(JSON.writeValueAsBytes(claims));
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key);
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + base64Url(rs256.sign());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign token", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      Map<String, List<String>> params = new LinkedHashMap<>();
      parseForm(exchange.getRequestURI().getRawQuery(), params);
      String user = null;
      String password = null;
      String method = exchange.getRequestMethod();
      if ("POST".equals(method)) {
        parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), params);
        if (!"password".equals(first(params, "grant_type"))) {
          answer(exchange, new TokenRequest(method, null, scopes(params), first(params, "service"), 400),
              "{\"error\":\"unsupported_grant_type\"}");
          return;
        }
        user = first(params, "username");
        password = first(params, "password");
      } else if ("GET".equals(method)) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
          String decoded = new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
          int colon = decoded.indexOf(':');
          user = colon < 0 ? decoded : decoded.substring(0, colon);
          password = colon < 0 ? "" : decoded.substring(colon + 1);
        }
      } else {
        answer(exchange, new TokenRequest(method, null, List.of(), null, 405), "{}");
        return;
      }
      List<String> scopes = scopes(params);
      String requestedService = first(params, "service");
      boolean anonymous = user == null;
      if (anonymous ? !anonymousPull : !password.equals(users.get(user))) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"refit-test-token\"");
        answer(exchange, new TokenRequest(method, user, scopes, requestedService, 401),
            "{\"details\":\"incorrect username or password\"}");
        return;
      }
      List<TokenAccess> access = new ArrayList<>();
      for (String scope : scopes) {
        TokenAccess requested = TokenAccess.parseScope(scope);
        List<String> granted = requested.actions().stream()
            .filter(GRANTABLE::contains)
            .filter(action -> !anonymous || action.equals("pull"))
            .toList();
        if (!granted.isEmpty()) {
          access.add(new TokenAccess(requested.type(), requested.name(), granted));
        }
      }
      String token = issueToken(anonymous ? "" : user, access, lifetime);
      ObjectNode body = JSON.createObjectNode();
      body.put(accessTokenField || "POST".equals(method) ? "access_token" : "token", token)
          .put("expires_in", lifetime.toSeconds())
          .put("issued_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
      answer(exchange, new TokenRequest(method, user, scopes, requestedService, 200),
          JSON.writeValueAsString(body));
    } catch (RuntimeException e) {
      try {
        exchange.sendResponseHeaders(500, -1);
      } catch (IOException alreadySent) {
        e.addSuppressed(alreadySent);
      }
      throw e;
    } finally {
      exchange.close();
    }
  }

  private void answer(HttpExchange exchange, TokenRequest request, String body) throws IOException {
    requests.add(request);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(request.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static List<String> scopes(Map<String, List<String>> params) {
    List<String> scopes = new ArrayList<>();
    for (String value : params.getOrDefault("scope", List.of())) {
      for (String scope : value.split(" ")) {
        if (!scope.isBlank()) {
          scopes.add(scope);
        }
      }
    }
    return scopes;
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static void parseForm(String form, Map<String, List<String>> into) {
    if (form == null || form.isEmpty()) {
      return;
    }
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static PrivateKey readPkcs8Key(Path pem) throws IOException, GeneralSecurityException {
    String text = Files.readString(pem);
    if (!text.contains("BEGIN PRIVATE KEY")) {
      throw new IllegalStateException("expected a PKCS#8 key from openssl in " + pem);
    }
    String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  private static void openssl(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static java.util.concurrent.ThreadFactory daemonThreads() {
    return runnable -> {
      Thread thread = new Thread(runnable, "refit-test-http");
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Configuration of a {@link TokenServer}; {@link #start()} launches it. */
  public static final class Builder {
    private String service = "refit-test-registry";
    private String issuer = "refit-test-issuer";
    private final Map<String, String> users = new LinkedHashMap<>();
    private boolean anonymousPull;
    private boolean accessTokenField;
    private Duration lifetime = Duration.ofSeconds(300);
    private Path directory;

    private Builder() {}

    /** The registry's {@code service}, also the tokens' audience. */
    public Builder service(String service) {
      this.service = service;
      return this;
    }

    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /** Accepts these credentials (HTTP Basic, or the password grant); call again for more users. */
    public Builder user(String user, String password) {
      users.put(user, password);
      return this;
    }

    /** Issues tokens with {@code pull} access to requests without credentials. */
    public Builder anonymousPull(boolean allowed) {
      this.anonymousPull = allowed;
      return this;
    }

    /** Answers GET with {@code access_token} instead of {@code token}. */
    public Builder accessTokenField(boolean useAccessToken) {
      this.accessTokenField = useAccessToken;
      return this;
    }

    /** {@code expires_in} and {@code exp - iat} of the tokens; default 300 seconds. */
    public Builder lifetime(Duration lifetime) {
      this.lifetime = lifetime;
      return this;
    }

    /** Where key and certificate go; default a new directory below REFIT_TEST_DIR (or /tmp). */
    public Builder directory(Path directory) {
      this.directory = directory;
      return this;
    }

    public TokenServer start() {
      try {
        Path dir = directory;
        if (dir == null) {
          Path base = Path.of(System.getenv().getOrDefault(TestEnvironment.ENV_DIR,
              System.getProperty("java.io.tmpdir")));
          Files.createDirectories(base);
          dir = Files.createTempDirectory(base, "token-server-");
        } else {
          Files.createDirectories(dir);
        }
        return new TokenServer(this, dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start token server", e);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot load the token server's key", e);
      }
    }
  }
}

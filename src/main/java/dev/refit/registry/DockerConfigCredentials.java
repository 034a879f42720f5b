package dev.refit.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.refit.json.JsonTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Credentials as {@code docker login} stores them in {@code config.json}: per-registry {@code
 * credHelpers}, then the default {@code credsStore}, then inline {@code auths}.
 */
public final class DockerConfigCredentials implements CredentialStore {
  private final Path configFile;
  private final Map<String, String> helpers;
  private final @Nullable String defaultHelper;
  private final Map<String, Credential> inline;
  private final @Nullable Path helperDirectory;
  private final Map<String, Optional<Credential>> fromHelpers = new ConcurrentHashMap<>();

  private DockerConfigCredentials(
      Path configFile,
      Map<String, String> helpers,
      @Nullable String defaultHelper,
      Map<String, Credential> inline,
      @Nullable Path helperDirectory) {
    this.configFile = configFile;
    this.helpers = Map.copyOf(helpers);
    this.defaultHelper = defaultHelper;
    this.inline = Map.copyOf(inline);
    this.helperDirectory = helperDirectory;
  }

  /**
   * The Docker config directory as the CLI finds it: {@code $DOCKER_CONFIG}, else {@code
   * ~/.docker}.
   */
  public static Path defaultDirectory(Map<String, String> environment) {
    String fromEnv = environment.get("DOCKER_CONFIG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    return Path.of(System.getProperty("user.home"), ".docker");
  }

  /** Reads {@code <directory>/config.json}; a missing file means no credentials. */
  public static DockerConfigCredentials load(Path directory) {
    return load(directory, null);
  }

  /**
   * @param helperDirectory where the {@code docker-credential-*} programs live, or {@code null} to
   *     search the PATH
   * @throws IllegalArgumentException naming the file when it is not valid JSON
   */
  public static DockerConfigCredentials load(Path directory, @Nullable Path helperDirectory) {
    Path file = directory.resolve("config.json");
    if (!Files.isRegularFile(file)) {
      return new DockerConfigCredentials(file, Map.of(), null, Map.of(), helperDirectory);
    }
    JsonNode root;
    try {
      root = JsonTrees.read(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read Docker credentials from " + file + ": not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(
          "cannot read Docker credentials from " + file + ": not a JSON object");
    }
    Map<String, String> helpers = new HashMap<>();
    root.path("credHelpers")
        .fields()
        .forEachRemaining(
            e -> helpers.put(RegistryNames.canonical(e.getKey()), e.getValue().asText()));
    String store = root.path("credsStore").asText("");
    Map<String, Credential> inline = new HashMap<>();
    Iterator<Map.Entry<String, JsonNode>> auths = root.path("auths").fields();
    while (auths.hasNext()) {
      Map.Entry<String, JsonNode> entry = auths.next();
      decode(file, entry.getKey(), entry.getValue())
          .ifPresent(c -> inline.put(RegistryNames.canonical(entry.getKey()), c));
    }
    return new DockerConfigCredentials(
        file, helpers, store.isBlank() ? null : store, inline, helperDirectory);
  }

  private static Optional<Credential> decode(Path file, String key, JsonNode entry) {
    String source = file.toString();
    String identityToken = entry.path("identitytoken").asText("");
    if (!identityToken.isEmpty()) {
      return Optional.of(new Credential(Credential.IDENTITY_TOKEN_USER, identityToken, source));
    }
    String auth = entry.path("auth").asText("");
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "cannot read Docker credentials from " + file + ": auths." + key + ".auth is not base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(
            "cannot read Docker credentials from "
                + file
                + ": auths."
                + key
                + ".auth is not base64 of user:password");
      }
      return Optional.of(
          new Credential(decoded.substring(0, colon), decoded.substring(colon + 1), source));
    }
    String username = entry.path("username").asText("");
    String password = entry.path("password").asText("");
    if (!username.isEmpty() && !password.isEmpty()) {
      return Optional.of(new Credential(username, password, source));
    }
    return Optional.empty();
  }

  @Override
  public Optional<Credential> find(String registry) {
    String key = RegistryNames.canonical(registry);
    String helper = helpers.getOrDefault(key, defaultHelper);
    if (helper != null) {
      Optional<Credential> found =
          fromHelpers.computeIfAbsent(
              key, k -> new CredentialHelper(helper, helperDirectory).get(registry));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.ofNullable(inline.get(key));
  }

  @Override
  public String toString() {
    return "DockerConfigCredentials[" + configFile + "]";
  }
}

package dev.refit.server.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The UI's static files, read from the jar once: its stylesheet and the htmx scripts from their
 * webjars (versions fixed by the build, see {@code webjars.properties}). No CDN, no download.
 */
final class Assets {
  record Asset(byte[] body, String contentType) {}

  private final Map<String, Asset> byName = new LinkedHashMap<>();

  Assets() {
    Properties webjars = new Properties();
    try (InputStream in = resource("dev/refit/server/ui/webjars.properties")) {
      webjars.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byName.put("app.css", new Asset(read("dev/refit/server/ui/assets/app.css"), "text/css; charset=utf-8"));
    byName.put("htmx.min.js", new Asset(read(webjars.getProperty("htmx")), "text/javascript; charset=utf-8"));
    byName.put("sse.js", new Asset(read(webjars.getProperty("sse")), "text/javascript; charset=utf-8"));
    byName.put("app.js", new Asset(read("dev/refit/server/ui/assets/app.js"), "text/javascript; charset=utf-8"));
  }

  Optional<Asset> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  private static byte[] read(String path) {
    try (InputStream in = resource(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String path) {
    InputStream in = Assets.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("the jar lacks " + path + ": the web UI cannot serve it");
    }
    return in;
  }
}

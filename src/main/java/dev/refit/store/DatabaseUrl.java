package dev.refit.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL server that holds Refit's state instead of the embedded SQLite file, as the user
 * wrote it: libpq's form {@code postgresql://user[:password]@host[:port][,host2...]/database[?param=value&...]}
 * or the JDBC driver's {@code jdbc:postgresql://host[:port]/database[?user=...&password=...]}.
 * Parameters other than user and password (e.g. {@code sslmode}, {@code currentSchema}) go to the
 * driver as they are. {@code toString} never shows the password.
 *
 * @param jdbcUrl the driver's URL, without user or password
 * @param user the login, or {@code null} for the driver's default (the OS user)
 * @param password the password, or {@code null}; never printed
 * @param shown the URL as written with its password masked, for messages
 */
public record DatabaseUrl(
    String jdbcUrl, @Nullable String user, @Nullable String password, String shown) {
  private static final String MASK = "***";
  private static final String ALLOWED =
      "use postgresql://user@host:5432/database or jdbc:postgresql://host:5432/database";
  // masks text that may not even parse: from the userinfo's colon to the last @, and password=
  private static final Pattern USERINFO_PASSWORD = Pattern.compile("(://[^/@:]*):.*@");
  private static final Pattern QUERY_PASSWORD =
      Pattern.compile("([?&]password=)[^&]*", Pattern.CASE_INSENSITIVE);

  /**
   * Reads a URL of either form.
   *
   * @throws IllegalArgumentException saying what is wrong and what is allowed (never the password)
   */
  public static DatabaseUrl parse(String text) {
    String trimmed = text.trim();
    String plain = trimmed.regionMatches(true, 0, "jdbc:", 0, 5) ? trimmed.substring(5) : trimmed;
    URI uri;
    try {
      uri = new URI(plain);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a URL; " + ALLOWED);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
      throw new IllegalArgumentException(
          "is not a PostgreSQL URL; " + ALLOWED + ", or leave it unset for the embedded SQLite database");
    }
    String authority = uri.getRawAuthority();
    if (authority == null || authority.isBlank()) {
      throw new IllegalArgumentException("names no host; " + ALLOWED);
    }
    int at = authority.lastIndexOf('@');
    String hosts = authority.substring(at + 1);
    checkHosts(hosts);
    String path = uri.getRawPath();
    if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
      throw new IllegalArgumentException("names no database; " + ALLOWED);
    }
    String user = null;
    String password = null;
    if (at >= 0) {
      String userinfo = authority.substring(0, at);
      int colon = userinfo.indexOf(':');
      user = blankToNull(decode(colon < 0 ? userinfo : userinfo.substring(0, colon)));
      password = colon < 0 ? null : blankToNull(decode(userinfo.substring(colon + 1)));
    }
    List<String> parameters = new ArrayList<>();
    if (uri.getRawQuery() != null) {
      for (String parameter : uri.getRawQuery().split("&")) {
        int eq = parameter.indexOf('=');
        String name = decode(eq < 0 ? parameter : parameter.substring(0, eq));
        String value = eq < 0 ? "" : decode(parameter.substring(eq + 1));
        if (name.equals("user")) {
          user = blankToNull(value);
        } else if (name.equals("password")) {
          password = blankToNull(value);
        } else if (!parameter.isEmpty()) {
          parameters.add(parameter);
        }
      }
    }
    String jdbc =
        "jdbc:postgresql://" + hosts + path + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
    return new DatabaseUrl(jdbc, user, password, mask(trimmed));
  }

  /** {@code text} with any password in it replaced by {@code ***}, whether or not it parses. */
  public static String mask(String text) {
    String masked = USERINFO_PASSWORD.matcher(text.trim()).replaceFirst("$1:" + MASK + "@");
    return QUERY_PASSWORD.matcher(masked).replaceAll("$1" + MASK);
  }

  /** Whether the URL as written carries the password (masked in {@link #shown}). */
  public boolean passwordInUrl() {
    return shown.contains(MASK);
  }

  /** The same server with the password given apart from the URL. */
  public DatabaseUrl withPassword(String secret) {
    return new DatabaseUrl(jdbcUrl, user, secret, shown);
  }

  /** What the driver is given beside the URL: the login, and a name the server's views show. */
  Properties connectionProperties() {
    Properties p = new Properties();
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    p.setProperty("ApplicationName", "refit");
    return p;
  }

  @Override
  public String toString() {
    return shown;
  }

  private static void checkHosts(String hosts) {
    for (String host : hosts.split(",", -1)) {
      int colon = host.lastIndexOf(':');
      String name = colon < 0 || host.endsWith("]") ? host : host.substring(0, colon);
      String port = colon < 0 || host.endsWith("]") ? null : host.substring(colon + 1);
      if (name.isBlank()) {
        throw new IllegalArgumentException("names no host; " + ALLOWED);
      }
      if (port != null && !validPort(port)) {
        throw new IllegalArgumentException("has no valid port (1 to 65535); " + ALLOWED);
      }
    }
  }

  private static boolean validPort(String port) {
    if (!port.matches("\\d{1,5}")) {
      return false;
    }
    int n = Integer.parseInt(port);
    return n >= 1 && n <= 65535;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}

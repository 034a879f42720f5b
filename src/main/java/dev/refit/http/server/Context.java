package dev.refit.http.server;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One exchange: the request as read (head, whole body, path parameters) and the answer a handler
 * builds (status, header fields, body). The server writes the answer after the handler returns.
 */
public final class Context {
  private final RequestHead head;
  private final byte[] body;
  private final String ip;
  private final String scheme;
  private final Map<String, Object> attributes = new HashMap<>();
  private Map<String, String> pathParams = Map.of();
  private @Nullable Map<String, List<String>> query;
  private @Nullable Map<String, List<String>> form;
  private int status = 200;
  private final Headers answerHeaders = new Headers();
  private byte @Nullable [] result;

  Context(RequestHead head, byte[] body, String ip, String scheme) {
    this.head = head;
    this.body = body;
    this.ip = ip;
    this.scheme = scheme;
  }

  // ---- the request

  public String method() {
    return head.method();
  }

  /** The path as sent, still percent-encoded, without the query. */
  public String path() {
    return head.path();
  }

  /**
   * A {@code {name}} segment of the route's path, percent-decoded.
   *
   * @throws IllegalArgumentException the route has no such parameter
   */
  public String pathParam(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw new IllegalArgumentException("the route has no path parameter '" + name + "'");
    }
    return value;
  }

  void pathParams(Map<String, String> params) {
    this.pathParams = params;
  }

  public @Nullable String queryParam(String name) {
    List<String> values = queryParamMap().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public Map<String, List<String>> queryParamMap() {
    Map<String, List<String>> q = query;
    if (q == null) {
      String raw = head.query();
      q = raw == null ? Map.of() : decodeForm(raw);
      query = q;
    }
    return q;
  }

  /** A field of an {@code application/x-www-form-urlencoded} body (UTF-8), or {@code null}. */
  public @Nullable String formParam(String name) {
    Map<String, List<String>> f = form;
    if (f == null) {
      String type = head.headers().first("Content-Type");
      boolean urlencoded =
          type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
      f = urlencoded ? decodeForm(new String(body, StandardCharsets.UTF_8)) : Map.of();
      form = f;
    }
    List<String> values = f.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  public @Nullable String header(String name) {
    return head.headers().first(name);
  }

  /** Every request header; a repeated one with its values joined by ", ". */
  public Map<String, String> headerMap() {
    return head.headers().asMap();
  }

  public @Nullable String cookie(String name) {
    String header = head.headers().first("Cookie");
    if (header == null) {
      return null;
    }
    for (String pair : header.split(";")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
        String value = pair.substring(eq + 1).trim();
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
            ? value.substring(1, value.length() - 1)
            : value;
      }
    }
    return null;
  }

  /** The peer's address. */
  public String ip() {
    return ip;
  }

  /** {@code http} or {@code https}: how this connection reached the server. */
  public String scheme() {
    return scheme;
  }

  public byte[] bodyAsBytes() {
    return body;
  }

  public String body() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** A value a filter or hook left for later handlers, or {@code null}. */
  @SuppressWarnings("unchecked")
  public <T> @Nullable T attribute(String name) {
    return (T) attributes.get(name);
  }

  public Context attribute(String name, Object value) {
    attributes.put(name, value);
    return this;
  }

  Map<String, Object> attributes() {
    return attributes;
  }

  RequestHead head() {
    return head;
  }

  // ---- the answer

  public Context status(int code) {
    this.status = code;
    return this;
  }

  public int statusCode() {
    return status;
  }

  public Context contentType(String type) {
    answerHeaders.set("Content-Type", type);
    return this;
  }

  /** Sets an answer header; {@code Set-Cookie} adds one more instead. */
  public Context header(String name, String value) {
    if (name.equalsIgnoreCase("Set-Cookie")) {
      answerHeaders.add(name, value);
    } else {
      answerHeaders.set(name, value);
    }
    return this;
  }

  public Context result(String text) {
    this.result = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  public Context result(byte[] bytes) {
    this.result = bytes.clone();
    return this;
  }

  /** The body written so far, as text, or {@code null} when none was. */
  public @Nullable String result() {
    byte[] r = result;
    return r == null ? null : new String(r, StandardCharsets.UTF_8);
  }

  byte[] resultBytes() {
    byte[] r = result;
    return r == null ? new byte[0] : r;
  }

  Headers answerHeaders() {
    return answerHeaders;
  }

  public void redirect(String location, int code) {
    status(code);
    header("Location", location);
    result("Redirected");
  }

  /** {@code a=1&b=x+y} to names and values, percent- and plus-decoded as UTF-8. */
  private static Map<String, List<String>> decodeForm(String text) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      map.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return map;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // a stray '%': taken as it came rather than refusing the whole request
      return text;
    }
  }

  /** One path segment, percent-decoded ('+' stays a plus in a path). */
  static String decodeSegment(String segment) {
    if (segment.indexOf('%') < 0) {
      return segment;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '%' && isHex(segment, i + 1) && isHex(segment, i + 2)) {
        out.write(Integer.parseInt(segment.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(String s, int i) {
    return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
  }
}

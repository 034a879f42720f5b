package dev.refit.http.server;

/** Reason phrases for the status line (clients ignore them; people reading traces do not). */
final class Status {
  private Status() {}

  static String reason(int code) {
    return switch (code) {
      case 100 -> "Continue";
      case 101 -> "Switching Protocols";
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 303 -> "See Other";
      case 304 -> "Not Modified";
      case 307 -> "Temporary Redirect";
      case 308 -> "Permanent Redirect";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 422 -> "Unprocessable Content";
      case 426 -> "Upgrade Required";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 505 -> "HTTP Version Not Supported";
      default -> "Status " + code;
    };
  }

  /** A bodyless status: 1xx, 204 and 304 never carry content (RFC 9110 6.4.1). */
  static boolean bodyless(int code) {
    return code < 200 || code == 204 || code == 304;
  }

  /** {@code {"error": "..."}} with the text quoted as JSON. */
  static String errorJson(String message) {
    StringBuilder out = new StringBuilder("{\"error\":\"");
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append("\"}").toString();
  }
}

package dev.refit.notify;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.http.client.FakePeer;
import dev.refit.http.client.OriginClient;
import dev.refit.testing.SilentServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Deliveries over Refit's own HTTP client: redirects as browsers follow them, no secret in errors. */
class HttpDeliveryTest {
  private final HttpDelivery delivery =
      new HttpDelivery(OriginClient.create(Duration.ofSeconds(2), 1));

  @Test
  void followsRedirectsRepeatingThePostOnlyFor307And308() throws Exception {
    try (FakePeer receiver =
        FakePeer.tcp(
            (request, out) -> {
              String answer =
                  switch (request.target()) {
                    case "/hook" -> "HTTP/1.1 307 Temporary Redirect\r\nLocation: /moved\r\nContent-Length: 0";
                    case "/moved" -> "HTTP/1.1 302 Found\r\nLocation: /done\r\nContent-Length: 0";
                    default -> "HTTP/1.1 200 OK\r\nContent-Length: 0";
                  };
              out.write((answer + "\r\n\r\n").getBytes(US_ASCII));
              return true;
            })) {
      delivery.post(
          "hook", "http://127.0.0.1:" + receiver.port() + "/hook", "application/json", "{\"a\":1}",
          Map.of("X-Token", "t"), Duration.ofSeconds(2));
      assertThat(receiver.requests())
          .extracting(r -> r.method() + " " + r.target() + " " + new String(r.body(), US_ASCII))
          .containsExactly("POST /hook {\"a\":1}", "POST /moved {\"a\":1}", "GET /done ");
      assertThat(receiver.requests().get(0).header("content-type")).isEqualTo("application/json");
      assertThat(receiver.requests().get(2).header("x-token")).isEqualTo("t");
    }
  }

  @Test
  void aReceiverThatNeverAnswersTimesOutWithoutNamingTheSecretPath() {
    try (SilentServer silent = SilentServer.start()) {
      assertThatThrownBy(
              () ->
                  delivery.post(
                      "slack", "http://" + silent.address() + "/services/T000/B000/SECRET",
                      "application/json", "{}", Map.of(), Duration.ofMillis(300)))
          .isInstanceOf(NotifyException.class)
          .hasMessageStartingWith("notifier 'slack' could not deliver: SocketTimeoutException")
          .hasMessageNotContaining("SECRET");
    }
  }

  @Test
  void anErrorAnswerIsQuoted() throws Exception {
    try (FakePeer receiver =
        FakePeer.tcp(
            (request, out) -> {
              out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 11\r\n\r\ninvalid\ntok".getBytes(US_ASCII));
              return true;
            })) {
      assertThatThrownBy(
              () ->
                  delivery.post(
                      "hook", "http://127.0.0.1:" + receiver.port() + "/x", "text/plain", "hi",
                      Map.of(), Duration.ofSeconds(2)))
          .hasMessage("notifier 'hook' was answered HTTP 403: invalid tok");
    }
  }
}

package dev.refit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.refit.image.ImageReference;
import java.net.URI;
import dev.refit.http.client.Headers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How one tag page is read: the tags, what is skipped, the next page. */
class TagPageEndpointTest {
  private static final ImageReference GHCR = ImageReference.parse("ghcr.io/org/app:1.0.0");
  private static final URI FIRST =
      TagPageEndpoint.firstPage(GHCR, URI.create("https://ghcr.io"), 1000);

  private static TagPage read(String body, Map<String, List<String>> headers) {
    return new TagPageEndpoint(GHCR, FIRST, 1024)
        .handle(
            new RegistryAnswer(
                FIRST, 200, Headers.of(headers), body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsTagsSkippingSignaturesNullsAndOtherFields() {
    TagPage page =
        read(
            "{\"child\":[],\"manifest\":{\"sha256:x\":{\"tag\":[\"ignored\"]}},\"name\":\"org/app\","
                + "\"tags\":[\"1.0.0\",null,\"\",\"sha256-" + "d".repeat(64) + ".att\",\"1.1.0\"]}",
            Map.of());
    assertThat(page.tags()).containsExactly("1.0.0", "1.1.0");
    assertThat(page.next()).isNull();
    assertThat(FIRST.toString()).isEqualTo("https://ghcr.io/v2/org/app/tags/list?n=1000");
    assertThat(read("{\"name\":\"org/app\",\"tags\":null}", Map.of()).tags()).isEmpty();
  }

  @Test
  void followsAnOpaqueNextLinkOnTheSameOriginOnly() {
    TagPage page =
        read(
            "{\"name\":\"org/app\",\"tags\":[\"1\"]}",
            Map.of("link", List.of("</v2/org/app/tags/list?last=1&n=1000>; rel=\"next\"")));
    assertThat(page.next().toString()).isEqualTo("https://ghcr.io/v2/org/app/tags/list?last=1&n=1000");
    assertThatThrownBy(
            () ->
                read(
                    "{\"tags\":[]}",
                    Map.of("link", List.of("<https://evil.example/v2/x>; rel=\"next\""))))
        .hasMessage("registry ghcr.io sent a tag page link to another host (evil.example)");
  }

  @Test
  void garbageIsNamed() {
    for (String body : new String[] {"<html>", "[\"1.0.0\"]", "{\"tags\":[\"1.0.0\"", ""}) {
      assertThatThrownBy(() -> read(body, Map.of()))
          .as(body)
          .hasMessage("registry ghcr.io answered a tag list that is not JSON");
    }
  }
}
